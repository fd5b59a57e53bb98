import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheFileOf, cacheHeader, codeCacheKeyPrefix, launchBundle, type CodeCacheState } from './launchBundle';

let dir: string;
let cacheDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'am-launch-'));
  cacheDir = path.join(dir, 'data', 'code-cache');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A bundle as the build writes one: its key on the first line, then CommonJS that says which it is. */
function writeBundle(value: string, key: string, name = 'app.cjs'): string {
  const file = path.join(dir, name);
  const body = [
    "'use strict';",
    "const path = require('node:path');",
    `function which() { return ${JSON.stringify(value)}; }`,
    "exports.value = which() + ':' + path.basename(__filename);",
  ];
  fs.writeFileSync(file, `${codeCacheKeyPrefix}${key}\n${body.join('\n')}\n`);
  return file;
}

const keyA = 'a'.repeat(32);
const keyB = 'b'.repeat(32);
const valueOf = (launched: { exports: unknown }) => (launched.exports as { value: string }).value;
const cacheFile = (bundle: string) => cacheFileOf(bundle, cacheDir);

interface Start {
  cache: CodeCacheState;
  value: string;
  saved: string[];
}

/**
 * A start in a process of its own, as the app starts: within one process V8 keeps what it
 * compiled, and a second launch would never read the cache file at all.
 */
function start(bundle: string, folder: string | null = cacheDir, saves = 1): Start {
  const runner = path.join(dir, 'runner.mts');
  fs.writeFileSync(
    runner,
    [
      `import { launchBundle } from ${JSON.stringify(path.resolve(import.meta.dirname, 'launchBundle.ts'))};`,
      `const launched = launchBundle(${JSON.stringify(bundle)}, ${JSON.stringify(folder)});`,
      `const saved = Array.from({ length: ${saves} }, () => launched.saveCache());`,
      'console.log(JSON.stringify({ cache: launched.cache, value: launched.exports.value, saved }));',
    ].join('\n'),
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', runner], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the start failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Start;
}

describe('launchBundle', () => {
  it('runs the bundle as CommonJS, writes the cache once the start is over, and uses it next time', () => {
    const bundle = writeBundle('A', keyA);
    expect(start(bundle, cacheDir, 2)).toEqual({ cache: 'missing', value: 'A:app.cjs', saved: ['written', 'kept'] });
    expect(start(bundle)).toEqual({ cache: 'used', value: 'A:app.cjs', saved: ['kept'] });
    if (process.platform !== 'win32') expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it('writes the cache owner-only, by a rename from a temp file beside it', () => {
    const bundle = writeBundle('A', keyA);
    fs.mkdirSync(cacheDir, { recursive: true });
    // A world-readable file from before is replaced whole, not rewritten in place.
    fs.writeFileSync(cacheFile(bundle), 'old', { mode: 0o644 });
    fs.chmodSync(cacheFile(bundle), 0o644);
    const renames = vi.spyOn(fs, 'renameSync');
    expect(launchBundle(bundle, cacheDir).saveCache()).toBe('written');

    expect(renames).toHaveBeenCalledTimes(1);
    const [from, to] = renames.mock.calls[0]!;
    expect(to).toBe(cacheFile(bundle));
    expect(path.dirname(String(from))).toBe(cacheDir);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(cacheFile(bundle))]);
    if (process.platform !== 'win32') {
      expect(fs.statSync(cacheFile(bundle)).mode & 0o777).toBe(0o600);
    }
  });

  it('leaves the old cache whole, and no temp file, when a write fails half-way', () => {
    const bundle = writeBundle('A', keyA);
    launchBundle(bundle, cacheDir).saveCache();
    const before = fs.readFileSync(cacheFile(bundle));
    fs.writeFileSync(cacheFile(bundle), Buffer.concat([Buffer.from(cacheHeader('c'.repeat(32))), before]));
    const stale = fs.readFileSync(cacheFile(bundle));

    const launched = launchBundle(bundle, cacheDir);
    expect(launched.cache).toBe('stale');
    const realWrite = fs.writeSync.bind(fs) as (...args: unknown[]) => number;
    let calls = 0;
    vi.spyOn(fs, 'writeSync').mockImplementation((...args: unknown[]) => {
      // The header goes through; the disk fills up on the payload.
      if (++calls === 2) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return realWrite(...args);
    });
    expect(launched.saveCache()).toBe('failed');
    expect(fs.readFileSync(cacheFile(bundle))).toEqual(stale);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(cacheFile(bundle))]);
  });

  it("ignores another bundle's cache, even one of the same length, and rewrites it", () => {
    // V8 checks only the source's length: without the key it would run A's compiled code for B.
    const bundle = writeBundle('A', keyA);
    start(bundle);
    writeBundle('B', keyB);
    expect(start(bundle)).toEqual({ cache: 'stale', value: 'B:app.cjs', saved: ['written'] });
    expect(start(bundle)).toEqual({ cache: 'used', value: 'B:app.cjs', saved: ['kept'] });
  });

  it("ignores another V8's cache and rewrites it: named in the header, or found by V8 itself", () => {
    const bundle = writeBundle('A', keyA);
    start(bundle);
    const header = cacheHeader(keyA);
    const payload = fs.readFileSync(cacheFile(bundle)).subarray(header.length);

    // Made by another release's V8 (the header says so).
    fs.writeFileSync(cacheFile(bundle), Buffer.concat([Buffer.from(header.replace(`v8-${process.versions.v8}`, 'v8-11.0.0.0')), payload]));
    expect(start(bundle)).toEqual({ cache: 'stale', value: 'A:app.cjs', saved: ['written'] });
    expect(start(bundle).cache).toBe('used');

    // A header that says this V8 over a payload V8 does not take (its version hash, bytes 4–7, altered).
    const foreign = Buffer.from(payload);
    foreign.writeUInt32LE(foreign.readUInt32LE(4) ^ 0xffff, 4);
    fs.writeFileSync(cacheFile(bundle), Buffer.concat([Buffer.from(header), foreign]));
    expect(start(bundle)).toEqual({ cache: 'rejected', value: 'A:app.cjs', saved: ['written'] });
    expect(start(bundle).cache).toBe('used');
  });

  it.each([
    ['cut short', (header: string, payload: Buffer) => Buffer.concat([Buffer.from(header), payload.subarray(0, payload.length >> 1)])],
    [
      'all noise after the header',
      (header: string, payload: Buffer) => Buffer.concat([Buffer.from(header), Buffer.alloc(payload.length, 0xa5)]),
    ],
    ['empty', () => Buffer.alloc(0)],
    ['noise from the first byte', (_header: string, payload: Buffer) => Buffer.alloc(payload.length + 100, 0x5a)],
  ])('ignores a corrupt cache file (%s), runs the bundle and writes a good one', (_what, corrupt) => {
    const bundle = writeBundle('A', keyA);
    start(bundle);
    const header = cacheHeader(keyA);
    fs.writeFileSync(cacheFile(bundle), corrupt(header, fs.readFileSync(cacheFile(bundle)).subarray(header.length)));

    const launched = start(bundle);
    expect(['stale', 'rejected']).toContain(launched.cache);
    expect(launched).toMatchObject({ value: 'A:app.cjs', saved: ['written'] });
    expect(start(bundle).cache).toBe('used');
  });

  it('reads and writes no cache for a bundle without a key, or with no folder', () => {
    const bundle = path.join(dir, 'plain.cjs');
    fs.writeFileSync(bundle, "exports.value = 'plain';\n");
    expect(start(bundle)).toEqual({ cache: 'unkeyed', value: 'plain', saved: ['skipped'] });
    expect(start(writeBundle('A', keyA), null)).toEqual({ cache: 'off', value: 'A:app.cjs', saved: ['skipped'] });
    expect(fs.existsSync(cacheDir)).toBe(false);
  });

  it('gives the bundle a require of its own folder', () => {
    fs.mkdirSync(path.join(dir, 'main'));
    fs.writeFileSync(path.join(dir, 'main', 'chunk.cjs'), "exports.name = 'chunk';\n");
    const bundle = path.join(dir, 'main', 'app.cjs');
    fs.writeFileSync(bundle, `${codeCacheKeyPrefix}${keyA}\nexports.value = require('./chunk.cjs').name + ':' + __dirname;\n`);
    expect(valueOf(launchBundle(bundle, null))).toBe(`chunk:${path.join(dir, 'main')}`);
  });

  it('hands a chunk that requires the bundle back the running instance, even through a link to its folder', () => {
    // As the build splits the network's connector off: the chunk requires the entry for the code they share.
    fs.mkdirSync(path.join(dir, 'main'));
    fs.writeFileSync(path.join(dir, 'main', 'connector.cjs'), "exports.shared = require('./app.cjs').shared;\n");
    fs.writeFileSync(
      path.join(dir, 'main', 'app.cjs'),
      [
        `${codeCacheKeyPrefix}${keyA}`,
        'globalThis.appRuns = (globalThis.appRuns ?? 0) + 1;',
        'exports.shared = { runs: globalThis.appRuns };',
        "exports.loadConnector = () => require('./connector.cjs');",
      ].join('\n'),
    );
    fs.symlinkSync(path.join(dir, 'main'), path.join(dir, 'linked'));
    const launched = launchBundle(path.join(dir, 'linked', 'app.cjs'), null);
    const { shared, loadConnector } = launched.exports as { shared: object; loadConnector: () => { shared: object } };
    expect(loadConnector().shared).toBe(shared);
    expect((globalThis as { appRuns?: number }).appRuns).toBe(1);
  });
});
