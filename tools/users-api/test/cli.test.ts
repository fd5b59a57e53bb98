// The CLI as a child process: exactly one stdout line, 127.0.0.1 only, clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cliArgs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const CLI = 'tools/users-api/src/cli.ts';

function run(args: string[]) {
  const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function firstLine(proc: ReturnType<typeof run>): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (!proc.out().includes('\n')) {
    if (Date.now() > deadline) throw new Error(`no output; stderr: ${proc.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return proc.out().split('\n')[0] ?? '';
}

describe('cli', () => {
  it('prints one line with the chosen port, serves /api/info and /_dev, and exits 0 on SIGTERM', async () => {
    const proc = run(['--port', '0', '--dev']);
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
    }
  });

  it('rejects unknown flags with exit code 2 and prints --help', async () => {
    const bad = run(['--nope']);
    expect(await bad.exited).toBe(2);
    expect(bad.err()).toContain('unknown option');
    const help = run(['--help']);
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
    expect(() => parseArgs(['--compat', '9'])).toThrow('--compat expects 7 or 8');
    expect(() => parseArgs(['--update-rate-limit', 'fast'])).toThrow('<calls>/<ms>');
  });
});
