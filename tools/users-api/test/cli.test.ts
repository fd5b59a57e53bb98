// The CLI as a child process: exactly one stdout line, 127.0.0.1 only, clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cliArgs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = 'tools/users-api/src/cli.ts';

function run(args: string[]) {
  // What `npm run users-api` runs, as one Node process with tsx's loader (the tsx command
  // would start a second one): on a busy machine each Node start costs seconds.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close', not 'exit': only then has everything the process wrote been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** The first stdout line, as soon as it is complete; fails if the process exits first. */
function firstLine(proc: ReturnType<typeof run>): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!proc.out().includes('\n')) return;
      proc.child.stdout.off('data', check);
      resolve(proc.out().split('\n')[0] ?? '');
    };
    proc.child.stdout.on('data', check);
    // Fails the wait only if the process ends before its line; after a resolve it changes nothing.
    void proc.exited.then((code) => reject(new Error(`exited with ${code} before a line; stderr: ${proc.err()}`)));
    check();
  });
}

// Each test starts Node processes that load TypeScript through tsx: seconds each on a busy
// machine. The timeout only bounds a hang; nothing here is about speed.
describe('cli', { timeout: 60_000 }, () => {
  it('prints one line with the chosen port, serves /api/info and /_dev, and exits 0 on SIGTERM', async () => {
    // No seed users: hashing the demo seed's passwords (bcrypt, cost 10) is most of a start.
    const seed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'am-cli-')), 'empty.json');
    fs.writeFileSync(seed, JSON.stringify({ users: [] }));
    const proc = run(['--port', '0', '--dev', '--seed', seed]);
    try {
      const line = await firstLine(proc);
      const m = /^Users API listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      expect(m, line).not.toBeNull();
      const url = m?.[1] ?? '';
      expect(Number(m?.[2])).toBeGreaterThan(0);
      const info = await fetch(`${url}/api/info`);
      expect(info.status).toBe(200);
      expect(await info.json()).toMatchObject({ success: true, version: '8.8' });
      expect((await fetch(`${url}/_dev/mailbox`)).status).toBe(200);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.out()).toBe(`${line}\n`);
    } finally {
      proc.child.kill('SIGKILL');
      fs.rmSync(path.dirname(seed), { recursive: true, force: true });
    }
  });

  it('rejects unknown flags with exit code 2 and prints --help', async () => {
    const bad = run(['--nope']);
    const help = run(['--help']);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('unknown option');
    expect(await help.exited).toBe(0);
    expect(help.out()).toContain('--update-rate-limit');
    expect(help.out()).toContain('--setting <Id>=<value>');
    expect(help.out()).toContain('/_idp/saml/sso');
  });

  it('parses every flag', () => {
    expect(
      parseArgs([
        '--port',
        '4000',
        '--seed',
        'x.json',
        '--compat',
        '7',
        '--dev',
        '--people',
        '50000',
        '--update-rate-limit',
        '2/1000',
        '--rate-limit=off',
        '--root-url',
        'http://demo.local/',
        '--setting',
        'LDAP_Enable=true',
        '--setting=CAS_login_url=https://cas.example.com/login',
      ]),
    ).toEqual({
      help: false,
      options: {
        port: 4000,
        seed: 'x.json',
        compat: 7,
        dev: true,
        people: 50000,
        updateRateLimit: { limit: 2, windowMs: 1000 },
        rateLimit: false,
        rootUrl: 'http://demo.local',
        settings: { LDAP_Enable: true, CAS_login_url: 'https://cas.example.com/login' },
      },
    });
    expect(() => parseArgs(['--setting', 'LDAP_Enabled=true'])).toThrow("unknown setting 'LDAP_Enabled'");
    expect(() => parseArgs(['--setting', 'LDAP_Enable=yes'])).toThrow("setting 'LDAP_Enable' must be a boolean");
    expect(() => parseArgs(['--setting', 'LDAP_Enable'])).toThrow('<Id>=<value>');
    expect(() => parseArgs(['--compat', '9'])).toThrow('--compat expects 7, 8 or a minor');
    expect(() => parseArgs(['--compat', '8.9'])).toThrow('--compat expects 7, 8 or a minor');
    expect(parseArgs(['--compat', '8.6'])).toEqual({ help: false, options: { port: 3000, compat: '8.6' } });
    expect(() => parseArgs(['--update-rate-limit', 'fast'])).toThrow('<calls>/<ms>');
  });
});
