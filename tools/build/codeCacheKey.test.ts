import { describe, expect, it } from 'vitest';
import { bundleKey } from '../../electron/launcher/launchBundle';
import { codeCacheKeyPlugin, hasTrueCodeCacheKey, stampCodeCacheKey } from './codeCacheKey';

const code = "'use strict';\nexports.answer = 42;\n";

describe('the code cache key a build stamps', () => {
  it('is a hash of the rest of the bundle, on its first line, that the launcher reads', () => {
    const stamped = stampCodeCacheKey(code);
    expect(stamped.endsWith(`\n${code}`)).toBe(true);
    expect(hasTrueCodeCacheKey(stamped)).toBe(true);
    expect(bundleKey(stamped)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes when any byte of the bundle does, its length kept', () => {
    const other = code.replace('42', '43');
    expect(other.length).toBe(code.length);
    expect(bundleKey(stampCodeCacheKey(other))).not.toBe(bundleKey(stampCodeCacheKey(code)));
    const stamped = stampCodeCacheKey(code);
    expect(hasTrueCodeCacheKey(stamped.replace('42', '43'))).toBe(false);
  });

  it('is stamped on every chunk of a Rollup build, once their code is final', () => {
    const plugin = codeCacheKeyPlugin();
    const bundle = { 'app.cjs': { type: 'chunk', code }, 'icon.png': { type: 'asset', source: 'png' } };
    (plugin.generateBundle as (options: unknown, bundle: unknown) => void)({}, bundle);
    expect(hasTrueCodeCacheKey(bundle['app.cjs'].code)).toBe(true);
    expect(bundle['icon.png']).toEqual({ type: 'asset', source: 'png' });
  });
});
