import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './tempDir';

/** A certificate and its key, as PEM files on disk and as text. */
export interface IssuedCertificate {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** SHA-256 of the DER, colon-separated hex: what the app shows and pins. */
  fingerprint: string;
}

export interface TestCa {
  dir: string;
  /** The CA's own certificate (for NODE_EXTRA_CA_CERTS or a server's client CA). */
  caFile: string;
  ca: string;
  /** A server certificate for `localhost` and 127.0.0.1 (or the names given), valid for two days. */
  server(names?: string[]): IssuedCertificate;
  /** A client certificate (extendedKeyUsage clientAuth) for mutual TLS. */
  client(commonName?: string): IssuedCertificate;
  /** A server certificate for `localhost` and 127.0.0.1 that signs itself: no CA vouches for it. */
  selfSigned(): IssuedCertificate;
  remove(): void;
}

/**
 * A certificate authority made at test time with the `openssl` CLI (Debian's openssl package;
 * .ci/run installs it): nothing secret or expiring is kept in the repository, and every run
 * has its own CA, so no test can pass on a certificate left behind by another.
 */
export function createTestCa(label = 'Account Manager Test CA'): TestCa {
  const temp = makeTempDir('am-pki-');
  const dir = temp.dir;
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    `/O=Account Manager Tests/CN=${label}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  let serial = 0;

  const issue = (name: string, subject: string, extensions: string[]): IssuedCertificate => {
    serial += 1;
    fs.writeFileSync(file(`${name}.ext`), `${extensions.join('\n')}\n`);
    openssl('req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      String(1000 + serial),
      '-days',
      '2',
      '-out',
      `${name}.pem`,
      '-extfile',
      `${name}.ext`,
    );
    const cert = fs.readFileSync(file(`${name}.pem`), 'utf8');
    return {
      certFile: file(`${name}.pem`),
      keyFile: file(`${name}.key`),
      cert,
      key: fs.readFileSync(file(`${name}.key`), 'utf8'),
      fingerprint: new X509Certificate(cert).fingerprint256,
    };
  };

  return {
    dir,
    caFile: file('ca.pem'),
    ca: fs.readFileSync(file('ca.pem'), 'utf8'),
    server: (names = ['localhost', '127.0.0.1']) =>
      issue(`server-${serial + 1}`, `/O=Account Manager Tests/CN=${names[0]}`, [
        'basicConstraints=CA:FALSE',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${names.map((name) => (/^[\d.]+$/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(',')}`,
      ]),
    client: (commonName = 'Test Person') =>
      issue(`client-${serial + 1}`, `/O=Account Manager Tests/CN=${commonName}`, [
        'basicConstraints=CA:FALSE',
        'extendedKeyUsage=clientAuth',
      ]),
    selfSigned: () => {
      serial += 1;
      const name = `self-signed-${serial}`;
      openssl(
        'req',
        '-x509',
        ...newKey,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-subj',
        '/O=Account Manager Tests/CN=localhost',
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      );
      const cert = fs.readFileSync(file(`${name}.pem`), 'utf8');
      return {
        certFile: file(`${name}.pem`),
        keyFile: file(`${name}.key`),
        cert,
        key: fs.readFileSync(file(`${name}.key`), 'utf8'),
        fingerprint: new X509Certificate(cert).fingerprint256,
      };
    },
    remove: temp.cleanup,
  };
}
