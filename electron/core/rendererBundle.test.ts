import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../tests/support/tempDir';
import { contentSecurityPolicy, readRendererFile } from './rendererBundle';

describe('renderer bundle', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dir: string;
  beforeAll(() => {
    temp = makeTempDir();
    dir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'index.html'), '<title>x</title>');
    fs.writeFileSync(path.join(temp.dir, 'secret.txt'), 'nope');
  });
  afterAll(() => temp.cleanup());

  it('reads files inside the folder with their content type, index.html for /', async () => {
    expect(await readRendererFile(dir, '/')).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect((await readRendererFile(dir, '/index.html'))?.body.toString()).toBe('<title>x</title>');
  });

  it('answers null for paths outside the folder, malformed escapes and missing files', async () => {
    expect(await readRendererFile(dir, '/..%2fsecret.txt')).toBeNull();
    expect(await readRendererFile(dir, '/%E0%A4%A')).toBeNull();
    expect(await readRendererFile(dir, '/missing.js')).toBeNull();
  });

  it('builds one strict policy, varying only where the page may connect', () => {
    const policy = contentSecurityPolicy("'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).not.toMatch(/unsafe/);
  });
});
