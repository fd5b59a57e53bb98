import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, respond } from './appProtocol';

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-proto-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'a.js'), 'console.log(1)');
    fs.writeFileSync(path.join(os.tmpdir(), 'am-secret.txt'), 'secret');
  });

  it('serves the bundle with a strict CSP header', async () => {
    const response = await respond(dir, 'app://bundle/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toBe(appContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect((await respond(dir, 'app://bundle/assets/a.js')).headers.get('content-type')).toContain('javascript');
  });

  it('never serves outside the bundle folder or another host', async () => {
    expect((await respond(dir, 'app://bundle/..%2fam-secret.txt')).status).toBe(404);
    expect((await respond(dir, 'app://other/index.html')).status).toBe(404);
    expect((await respond(dir, 'app://bundle/missing.js')).status).toBe(404);
  });
});
