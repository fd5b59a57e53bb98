import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { updateFeedConfig } from '../../tools/pack/updateFeed';

const root = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const mac = config.mac as Record<string, unknown>;
const win = config.win as Record<string, unknown>;
const linux = config.linux as Record<string, unknown>;
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Reads a PNG back the way an icon tool would: chunk CRCs, the IHDR, and every row inflated from the IDAT. */
function readPng(file: string): { width: number; height: number; colourType: number } {
  const png = fs.readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length), `CRC of a chunk in ${file}`).toBe(zlib.crc32(typeAndData));
    chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4) });
    offset += 12 + length;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const header = chunks[0]!.data;
  const [width, height, bitDepth, colourType] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]];
  expect(bitDepth).toBe(8);
  const pixels = zlib.inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  expect(pixels.length).toBe(height * (1 + width * 4)); // RGBA rows, each after its filter byte
  return { width, height, colourType: colourType! };
}

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
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the rocketchat:// scheme single sign-on comes back through', () => {
    expect(config.protocols).toEqual([{ name: 'Rocket.Chat sign-in', schemes: ['rocketchat'] }]);
  });

  it('has the Windows installer register rocketchat:// for the person only when no app has it, and remove only its own', () => {
    // electron-builder's `protocols` reaches macOS's Info.plist and Linux desktop files, never the Windows registry.
    expect(config.nsis).toMatchObject({ include: 'resources/installer.nsh' });
    const script = fs.readFileSync(path.join(root, 'resources/installer.nsh'), 'utf8');
    const macro = (name: string) => new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`).exec(script)?.[1] ?? '';
    const command = `'"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`;
    const install = macro('customInstall');
    expect(install).toContain('ReadRegStr $0 HKCR "rocketchat\\shell\\open\\command" ""\n  ${If} $0 == ""');
    expect(install).toContain('WriteRegStr HKCU "Software\\Classes\\rocketchat" "URL Protocol" ""');
    expect(install).toContain(`WriteRegStr HKCU "Software\\Classes\\rocketchat\\shell\\open\\command" "" ${command}`);
    const uninstall = macro('customUnInstall');
    expect(uninstall).toContain(`\${If} $0 == ${command}\n    DeleteRegKey HKCU "Software\\Classes\\rocketchat"`);
  });

  it('takes the update feed from AM_UPDATE_URL at build time: an https generic server, or no feed at all', () => {
    expect(config.extends).toBe('tools/pack/updateFeed.ts');
    expect(updateFeedConfig({})).toEqual({ publish: null });
    expect(updateFeedConfig({ AM_UPDATE_URL: ' https://updates.example.com/account-manager/ ' })).toEqual({
      publish: [{ provider: 'generic', url: 'https://updates.example.com/account-manager/' }],
    });
    expect(() => updateFeedConfig({ AM_UPDATE_URL: 'http://updates.example.com/' })).toThrow(/must be an https:\/\/ address/);
    expect(() => updateFeedConfig({ AM_UPDATE_URL: 'updates' })).toThrow(/is not a web address/);
  });

  it('ships out/ only, unpacks native modules and the directory writer’s thread, and builds per-user NSIS, dmg and zip, AppImage and a deb needing libsecret', () => {
    expect(config).toMatchObject({
      appId: 'dev.accountmanager.desktop',
      productName: 'Account Manager',
      asarUnpack: ['**/*.node', 'out/main/directoryWriter.cjs'],
    });
    expect((config.files as string[]).slice(0, 2)).toEqual(['out/**', 'package.json']);
    expect(config.nsis).toMatchObject({ perMachine: false });
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    // The zip is what electron-updater updates a Mac app from.
    expect(mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(config.deb).toMatchObject({ depends: ['libsecret-1-0'] });
  });

  it('gives Windows and macOS a 1024x1024 RGBA PNG to make .ico and .icns from', () => {
    for (const icon of [win.icon, mac.icon]) {
      expect(icon).toBe('resources/icon.png');
      expect(readPng(path.join(root, icon as string))).toEqual({ width: 1024, height: 1024, colourType: 6 });
    }
  });

  it('gives Linux a folder of square PNGs, each as large as its name says, up to 512', () => {
    expect(linux.icon).toBe('resources/icons');
    const folder = path.join(root, linux.icon as string);
    const names = fs.readdirSync(folder);
    const sizes = names.map((name) => Number(/^(\d+)x\1\.png$/.exec(name)?.[1])).sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    for (const size of sizes)
      expect(readPng(path.join(folder, `${size}x${size}.png`))).toEqual({ width: size, height: size, colourType: 6 });
  });

  it('signs for macOS with the hardened runtime and allow-jit only, for the app and its helpers, and notarises when credentials are set', () => {
    expect(mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist',
      gatekeeperAssess: false,
      notarize: true,
    });
    const plist = fs.readFileSync(path.join(root, mac.entitlements as string), 'utf8');
    expect(plist).toMatch(/^<\?xml [^>]*\?>\s*<!DOCTYPE plist [^>]*>\s*<plist version="1\.0">\s*<dict>[\s\S]*<\/dict>\s*<\/plist>\s*$/);
    const withoutComments = plist.replace(/<!--[\s\S]*?-->/g, '');
    const entitlements = [...withoutComments.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map(
      ([, key, value]) => `${key}=${value}`,
    );
    expect(entitlements).toEqual(['com.apple.security.cs.allow-jit=true']);
    expect(withoutComments.match(/<key>/g)).toHaveLength(1);
  });

  it('lists the Linux app under Network and Utility, where electron-builder takes Categories from', () => {
    // electron-builder 26 writes Categories from linux.category and Comment from the
    // description, over desktop.entry; Exec there is an error. So none of them belong in entry.
    expect(linux.category).toBe('Network;Utility;');
    const entry = (linux.desktop as { entry: Record<string, string> }).entry;
    expect(entry).toMatchObject({ Name: 'Account Manager' });
    expect(entry.Keywords).toMatch(/;$/);
    for (const overwritten of ['Categories', 'Comment', 'Exec']) expect(entry).not.toHaveProperty(overwritten);
  });
});

describe('package.json release scripts', () => {
  it.each([
    ['dist:win', '--win'],
    ['dist:mac', '--mac'],
    ['dist:linux', '--linux'],
  ])('%s rebuilds native modules for Electron, builds, then packages with electron-builder %s', (name, platform) => {
    const steps = (scripts[name] ?? '').split('&&').map((step) => step.trim());
    const index = (start: string) => steps.findIndex((step) => step === start || step.startsWith(`${start} `));
    expect(index('electron-builder install-app-deps')).toBe(0);
    expect(index('electron-vite build')).toBeGreaterThan(0);
    expect(index(`electron-builder ${platform}`)).toBe(steps.length - 1);
    expect(index('electron-vite build')).toBeLessThan(steps.length - 1);
  });

  it('names the Linux desktop file the way electron-builder writes it (notifications and the dock find the app by it)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; desktopName?: string };
    expect(pkg.desktopName).toBe(`${pkg.name}.desktop`);
  });

  it('regenerates the icons with the script that drew them', () => {
    expect(scripts.icons).toBe('tsx tools/icons/makeIcon.ts');
    expect(fs.existsSync(path.join(root, 'tools/icons/makeIcon.ts'))).toBe(true);
  });
});
