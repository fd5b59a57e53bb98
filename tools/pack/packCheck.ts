// `npm run pack:check`: builds the Linux "dir" package offline and checks what would ship.
// Electron cannot be downloaded here (../TOOLCHAIN), so the package is made around a stub
// executable with no native rebuild: enough to prove the `files` rules, asarUnpack and
// the layout. Fuses are left out for the stub only (it has no fuse wire to flip); their
// settings are checked in electron-builder.yml by tests/unit/builderConfig.test.ts.
import asar from '@electron/asar';
import { build, Packager, Platform } from 'app-builder-lib';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import yaml from 'js-yaml';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appImageDesktopEntry } from '../../electron/main/appImageEntry';
import { directoryWriterFileName } from '../../electron/core';
import { hasTrueCodeCacheKey } from '../build/codeCacheKey';
import { isAsciiBundle } from '../build/mainBundleOutput';
import { writerThreadStarts } from './writerThreadStarts';

const root = path.resolve(import.meta.dirname, '../..');
/** What the unpacked part (native modules) may weigh; it grows only with a new native dependency. */
const unpackedBudgetBytes = 6 * 1024 * 1024;
const asarBudgetBytes = 12 * 1024 * 1024;

/** The feed the check's build is given when the environment names none (the build needs one to write app-update.yml). */
const placeholderFeed = 'https://updates.example.invalid/account-manager/';
const schemeHandler = 'x-scheme-handler/rocketchat';

const mustShip = ['/out/main/index.cjs', '/out/main/app.cjs', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'];
const mustNotShip: [RegExp, string][] = [
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
  [/^\/(tests|tools|electron|renderer|shared)\//, 'source outside out/'],
  [/\.map$/, 'a source map'],
  [/\.(c|cc|cpp|h|hpp|gyp|gypi)$/, 'C/C++ source'],
  [/\/node_modules\/(electron|vitest|@playwright|playwright|typescript|electron-builder|tsx|esbuild)\//, 'a development dependency'],
];

function sizeOf(dir: string): number {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .reduce((total, entry) => total + (entry.isFile() ? fs.statSync(path.join(entry.parentPath, entry.name)).size : 0), 0);
}

async function main(): Promise<void> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'am-pack-'));
  try {
    const stub = path.join(temp, 'electron-dist');
    fs.mkdirSync(stub);
    fs.writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "stub Electron for pack:check"\n', { mode: 0o755 });
    const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    delete config.electronFuses;
    // A config file of its own: an object would be merged over electron-builder.yml, fuses included.
    const checkConfig = path.join(temp, 'electron-builder.check.yml');
    const directories = { ...(config.directories as object), output: path.join(temp, 'release') };
    fs.writeFileSync(checkConfig, yaml.dump({ ...config, electronDist: stub, npmRebuild: false, directories }));
    const feed = process.env.AM_UPDATE_URL || placeholderFeed;
    process.env.AM_UPDATE_URL = feed;
    const options = { projectDir: root, targets: Platform.LINUX.createTarget('dir'), config: checkConfig };
    const packager = new Packager(options);
    // The deb's desktop file, as its target would write it from this packaging's options.
    let debDesktopEntry = '';
    packager.onAfterPack(async (context) => {
      const linux = context.packager;
      debDesktopEntry = await new LinuxTargetHelper(linux as never).computeDesktopEntry({
        ...linux.platformSpecificBuildOptions,
        ...(linux.config.deb ?? {}),
      });
    });
    await build(options, packager);

    const resources = path.join(temp, 'release/linux-unpacked/resources');
    const files = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false });
    const problems: string[] = [];
    for (const wanted of mustShip) if (!files.includes(wanted)) problems.push(`missing from app.asar: ${wanted}`);
    // The entry keeps app.cjs's code cache under the key on its first line (D112): it must be the hash of the rest.
    const appBundle = asar.extractFile(path.join(resources, 'app.asar'), 'out/main/app.cjs').toString('utf8');
    if (!hasTrueCodeCacheKey(appBundle)) problems.push('out/main/app.cjs carries no code cache key, or a key that is not its hash');
    // ASCII, so V8 holds the source one byte a character (D123): a two-byte bundle starts about 9 ms later.
    if (!isAsciiBundle(appBundle)) problems.push('out/main/app.cjs holds characters beyond ASCII: V8 would keep it as a two-byte string');
    for (const file of files) {
      for (const [pattern, what] of mustNotShip) if (pattern.test(file)) problems.push(`${what} is shipped: ${file}`);
    }
    const unpacked = path.join(resources, 'app.asar.unpacked');
    const nativeModules = fs.existsSync(unpacked)
      ? fs
          .readdirSync(unpacked, { recursive: true })
          .map(String)
          .filter((file) => file.endsWith('.node'))
      : [];
    for (const wanted of ['better_sqlite3.node', 'keytar.node']) {
      if (!nativeModules.some((file) => file.endsWith(wanted))) problems.push(`native module not unpacked: ${wanted}`);
    }
    // The shell resolves SQLite's native module from out/main as Node finds packages (D52): the
    // app.asar path it gets must be one Electron reads from the unpacked copy.
    const sqliteBinding = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    if (!fs.existsSync(path.join(unpacked, sqliteBinding))) problems.push(`${sqliteBinding} is not where the shell looks for it`);
    // The directory writer's thread starts from the unpacked copy (D118, electron/main/shell.ts outsideAsar).
    const writerFile = path.join(unpacked, 'out/main', directoryWriterFileName);
    if (!fs.existsSync(writerFile)) problems.push(`out/main/${directoryWriterFileName} is not unpacked, where the shell starts it`);
    else {
      const answer = await writerThreadStarts(writerFile, path.join(unpacked, sqliteBinding));
      if (answer !== 'ready') problems.push(`the directory writer's thread does not start from the package: ${answer}`);
    }
    // Updates (D74): electron-updater reads its feed from resources/app-update.yml, and updates a Mac app only from a zip.
    const feedFile = path.join(resources, 'app-update.yml');
    const feedConfig = fs.existsSync(feedFile) ? (yaml.load(fs.readFileSync(feedFile, 'utf8')) as Record<string, unknown>) : null;
    if (!feedConfig) problems.push('resources/app-update.yml is missing: electron-updater has no feed');
    else if (feedConfig.provider !== 'generic' || feedConfig.url !== feed)
      problems.push(`app-update.yml points elsewhere: ${JSON.stringify(feedConfig)}`);
    const macTargets = ((config.mac as { target?: { target: string }[] }).target ?? []).map((target) => target.target);
    if (!macTargets.includes('zip'))
      problems.push(`macOS builds ${macTargets.join(', ')} without a zip: electron-updater cannot update it`);
    // rocketchat:// links (D73): the deb's desktop file claims the scheme; an AppImage writes its own at start.
    if (!debDesktopEntry.split('\n').some((line) => line.startsWith('MimeType=') && line.includes(`${schemeHandler};`))) {
      problems.push(`the deb's desktop file lists no ${schemeHandler}:\n${debDesktopEntry}`);
    }
    const appImageEntry = appImageDesktopEntry('/home/person/Applications/Account-Manager.AppImage');
    if (!appImageEntry.includes(`MimeType=${schemeHandler};`)) problems.push(`the AppImage's own desktop file lists no ${schemeHandler}`);
    const unpackedBytes = fs.existsSync(unpacked) ? sizeOf(unpacked) : 0;
    const asarBytes = fs.statSync(path.join(resources, 'app.asar')).size;
    if (unpackedBytes > unpackedBudgetBytes)
      problems.push(`unpacked part is ${unpackedBytes} bytes, over the ${unpackedBudgetBytes} budget`);
    if (asarBytes > asarBudgetBytes) problems.push(`app.asar is ${asarBytes} bytes, over the ${asarBudgetBytes} budget`);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `pack:check: app.asar ${files.length} entries, ${mb(asarBytes)} (budget ${mb(asarBudgetBytes)}); unpacked ${mb(unpackedBytes)} (budget ${mb(unpackedBudgetBytes)}): ${nativeModules.join(', ')}`,
    );
    console.log(`pack:check: updates from ${feed} (resources/app-update.yml); macOS targets ${macTargets.join(' and ')}`);
    console.log(`pack:check: the directory writer's thread starts from app.asar.unpacked/out/main/${directoryWriterFileName}`);
    console.log(`pack:check: deb desktop file ${debDesktopEntry.match(/^MimeType=.*$/m)?.[0] ?? '(no MimeType)'}`);
    console.log(
      'pack:check: AppImage installs no desktop file; at start the app writes ~/.local/share/applications/account-manager.desktop ' +
        `(${schemeHandler}, TryExec the AppImage) and asks xdg-settings for the scheme (electron/main/appImageEntry.ts)`,
    );
    if (problems.length > 0) {
      console.error(problems.map((problem) => `pack:check: ${problem}`).join('\n'));
      process.exitCode = 1;
      // electron-builder's exit hook ends the process with process.exit(0) once the build's temp files
      // are gone, which would turn a failed check green: the failure is set again as the process exits.
      process.on('exit', () => (process.exitCode = 1));
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

await main();
