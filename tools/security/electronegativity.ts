// `npm run lint:electron`: Electronegativity over the shell's source (not tests, not out/),
// failing on any finding that the reviewed allow-list does not name with a reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSarif } from './readSarif';

interface Allowed {
  issue: string;
  file: string;
  reason: string;
}

const root = path.resolve(import.meta.dirname, '../..');
/** Checks depend on the Electron version (the remote module, say, is gone since 14). */
const electronVersion = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.electron!;
const allowList = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'electronegativity-allow-list.json'), 'utf8')) as Allowed[];

/** The shell as it ships: main and preload sources and the page, without tests. */
function copySources(into: string): void {
  for (const folder of ['electron/main', 'electron/preload']) {
    for (const name of fs.readdirSync(path.join(root, folder))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      fs.mkdirSync(path.join(into, folder), { recursive: true });
      fs.copyFileSync(path.join(root, folder, name), path.join(into, folder, name));
    }
  }
  fs.mkdirSync(path.join(into, 'renderer'), { recursive: true });
  fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(into, 'renderer/index.html'));
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'am-eneg-'));
try {
  copySources(path.join(temp, 'src'));
  const report = path.join(temp, 'report.sarif');
  execFileSync(
    path.join(root, 'node_modules/.bin/electronegativity'),
    ['-i', path.join(temp, 'src'), '-r', '-e', electronVersion, '-o', report],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  // SARIF carries no severity, so every finding (LOW ones included) needs a reviewed reason.
  const findings = readSarif(fs.readFileSync(report, 'utf8'));
  const unexplained = findings.filter(
    (finding) =>
      !allowList.some((allowed) => allowed.issue === finding.issue && (allowed.file === '*' || allowed.file === finding.filename)),
  );
  for (const finding of findings) {
    const allowed = allowList.find((entry) => entry.issue === finding.issue && (entry.file === '*' || entry.file === finding.filename));
    console.log(
      `${allowed ? 'allowed ' : 'FINDING '} ${finding.level} ${finding.issue} ${finding.filename}:${finding.location}${allowed ? ` — ${allowed.reason}` : ` — ${finding.description}`}`,
    );
  }
  console.log(`electronegativity: ${findings.length} findings, ${unexplained.length} not on the allow-list`);
  if (unexplained.length > 0) process.exitCode = 1;
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
