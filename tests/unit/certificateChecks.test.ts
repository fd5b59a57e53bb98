import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Trust is decided in one place (docs/decisions.md D57): the only code that turns Node's
 * certificate check off is the function that hands every server's certificate to the judge
 * before the connection is used. Anything else that switches it off — an option, an
 * environment variable, a name check replaced — would be a way around the judge.
 */

const root = path.resolve(import.meta.dirname, '../..');
const self = path.relative(root, import.meta.filename);

/** Where verification may be off, and why; each file with the number of places. */
const allowed: Record<string, { count: number; why: string }> = {
  'electron/core/usersApi/transport/connectors/secureChannel.ts': { count: 1, why: 'reports Node’s verdict and asks the judge' },
  'tests/support/recordingTlsServer.ts': { count: 1, why: 'a test server that takes any client certificate' },
  'tests/support/usersApiServer.ts': {
    count: 1,
    why: 'the test helper’s own /_dev calls trust only the test CA, whatever host its certificate names (a test may name another on purpose)',
  },
};

/** Turning a check off: rejectUnauthorized set to anything but true, the global switch, a name check of one's own. */
const switchesOff = /rejectUnauthorized\s*[:=](?!\s*true\b)|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity\s*[:=]/;

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((file) => /^(electron|tools|tests|shared|renderer)\//.test(file) && /\.(ts|tsx|js|mjs|cjs|mts)$/.test(file))
    .filter((file) => file !== self && fs.existsSync(path.join(root, file)));
}

/** Code lines only: a comment may explain the rule without breaking it. */
const codeLines = (text: string) =>
  text.split('\n').flatMap((line, index) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? [] : [{ line, number: index + 1 }]));

describe('certificate checks are switched off in one place only', () => {
  const files = sourceFiles();

  it('finds the source it checks', () => {
    expect(files).toContain('electron/core/usersApi/transport/connectors/secureChannel.ts');
    expect(files.length).toBeGreaterThan(100);
  });

  it('no code but the secure channel (and one test server) turns verification off', () => {
    const found: Record<string, string[]> = {};
    for (const file of files) {
      for (const { line, number } of codeLines(fs.readFileSync(path.join(root, file), 'utf8'))) {
        if (switchesOff.test(line)) (found[file] ??= []).push(`${number}: ${line.trim()}`);
      }
    }
    const counts = Object.fromEntries(Object.entries(found).map(([file, lines]) => [file, lines.length]));
    expect(counts, JSON.stringify(found, null, 2)).toEqual(
      Object.fromEntries(Object.entries(allowed).map(([file, { count }]) => [file, count])),
    );
  });

  it('TLS to a server is started by the secure channel alone in the app', () => {
    const starts = files
      .filter((file) => file.startsWith('electron/') && !file.endsWith('.test.ts'))
      .filter((file) =>
        codeLines(fs.readFileSync(path.join(root, file), 'utf8')).some(({ line }) => /\btls\.connect\(|new TLSSocket\(/.test(line)),
      );
    expect(starts).toEqual(['electron/core/usersApi/transport/connectors/secureChannel.ts']);
  });
});
