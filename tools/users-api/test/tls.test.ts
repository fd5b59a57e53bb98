// HTTPS and mutual TLS: the server's own certificate options, with a certificate made here by the openssl CLI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cliArgs';
import { startUsersApi } from '../src/index';

describe('tls', () => {
  let dir: string;
  let cert: string;
  let key: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-api-tls-'));
    // Self-signed, for localhost: it is the server's certificate, the CA of clients and the client's certificate at once.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    key = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves https on https://localhost:<port> with the given certificate', async () => {
    const api = await startUsersApi({ port: 0, tls: { cert, key } });
    const agent = new Agent({ connect: { ca: cert } });
    try {
      expect(api.url).toBe(`https://localhost:${api.port}`);
      const reply = await fetch(`${api.url}/api/info`, { dispatcher: agent });
      expect(await reply.json()).toMatchObject({ success: true });
    } finally {
      await agent.close();
      await api.close();
    }
  });

  it('with a client CA, answers only clients that present a certificate it issued', async () => {
    const api = await startUsersApi({ port: 0, tls: { cert, key, clientCa: cert } });
    const anonymous = new Agent({ connect: { ca: cert } });
    const identified = new Agent({ connect: { ca: cert, cert, key } });
    try {
      await expect(fetch(`${api.url}/api/info`, { dispatcher: anonymous })).rejects.toThrow('fetch failed');
      expect((await fetch(`${api.url}/api/info`, { dispatcher: identified })).status).toBe(200);
    } finally {
      await anonymous.close();
      await identified.close();
      await api.close();
    }
  });

  it('reads --tls-cert, --tls-key and --client-ca, and wants the certificate and key together', () => {
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    const command = parseArgs(['--tls-cert', certFile, '--tls-key', keyFile, '--client-ca', certFile]);
    expect(command).toMatchObject({
      help: false,
      options: { tls: { cert: Buffer.from(cert), key: Buffer.from(key), clientCa: Buffer.from(cert) } },
    });
    expect(() => parseArgs(['--tls-cert', certFile])).toThrow('--tls-cert and --tls-key go together');
    expect(() => parseArgs(['--tls-cert', '/nonexistent.pem'])).toThrow('--tls-cert: cannot read "/nonexistent.pem"');
  });
});
