import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const config = yaml.load(fs.readFileSync(path.resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** pack:check builds around a stub Electron with no fuse wire, so the fuse settings are held here. */
describe('electron-builder.yml', () => {
  it('flips the Electron fuses of a hardened release', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('ships out/ only, unpacks native modules, and builds per-user NSIS, dmg, AppImage and a deb needing libsecret', () => {
    expect(config).toMatchObject({ appId: 'dev.accountmanager.desktop', productName: 'Account Manager', asarUnpack: ['**/*.node'] });
    expect((config.files as string[]).slice(0, 2)).toEqual(['out/**', 'package.json']);
    expect(config.nsis).toMatchObject({ perMachine: false });
    expect(config.mac).toMatchObject({ hardenedRuntime: true });
    expect(config.deb).toMatchObject({ depends: ['libsecret-1-0'] });
  });
});
