// `npm run pack:check`: builds the Linux "dir" package offline and checks what would ship.
// Electron cannot be downloaded here (../TOOLCHAIN), so the package is made around a stub
// executable with no native rebuild: enough to prove the `files` rules, asarUnpack and
// the layout. Fuses are left out for the stub only (it has no fuse wire to flip); their
// settings are checked in electron-builder.yml by tests/unit/builderConfig.test.ts.
import asar from '@electron/asar';
import { build, Platform } from 'electron-builder';
import yaml from 'js-yaml';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
/** What the unpacked part (native modules) may weigh; it grows only with a new native dependency. */
const unpackedBudgetBytes = 6 * 1024 * 1024;
const asarBudgetBytes = 12 * 1024 * 1024;

const mustShip = ['/out/main/index.cjs', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'];
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
    await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), config: checkConfig });

    const resources = path.join(temp, 'release/linux-unpacked/resources');
    const files = asar.listPackage(path.join(resources, 'app.asar'), { isPack: false });
    const problems: string[] = [];
    for (const wanted of mustShip) if (!files.includes(wanted)) problems.push(`missing from app.asar: ${wanted}`);
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
    const sqliteBinding = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    if (!fs.existsSync(path.join(unpacked, sqliteBinding))) problems.push(`${sqliteBinding} is not where the shell looks for it`);
    const unpackedBytes = fs.existsSync(unpacked) ? sizeOf(unpacked) : 0;
    const asarBytes = fs.statSync(path.join(resources, 'app.asar')).size;
    if (unpackedBytes > unpackedBudgetBytes)
      problems.push(`unpacked part is ${unpackedBytes} bytes, over the ${unpackedBudgetBytes} budget`);
    if (asarBytes > asarBudgetBytes) problems.push(`app.asar is ${asarBytes} bytes, over the ${asarBudgetBytes} budget`);

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `pack:check: app.asar ${files.length} entries, ${mb(asarBytes)} (budget ${mb(asarBudgetBytes)}); unpacked ${mb(unpackedBytes)} (budget ${mb(unpackedBudgetBytes)}): ${nativeModules.join(', ')}`,
    );
    if (problems.length > 0) {
      console.error(problems.map((problem) => `pack:check: ${problem}`).join('\n'));
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

await main();
