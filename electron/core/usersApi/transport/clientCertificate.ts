import fs from 'node:fs';
import { readCertificate, type CertificateDetails } from './certificateDetails';

export interface ClientCertificate {
  cert: Buffer;
  key: Buffer;
  details: CertificateDetails;
}

/**
 * The client certificate a Node process presents when a server asks for one: AM_CLIENT_CERT
 * and AM_CLIENT_KEY name PEM files (an unencrypted key). The Electron shell instead lets the
 * person pick from the system's certificates per server. A setting that cannot be used stops
 * the start with a sentence rather than connecting without the certificate.
 */
export function readClientCertificate(env: NodeJS.ProcessEnv): ClientCertificate | null {
  const certFile = env.AM_CLIENT_CERT?.trim();
  const keyFile = env.AM_CLIENT_KEY?.trim();
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) throw new Error('Set both AM_CLIENT_CERT and AM_CLIENT_KEY (PEM files) to use a client certificate.');
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch {
      throw new Error(`${name} names ${file}, which cannot be read.`);
    }
  };
  const cert = read('AM_CLIENT_CERT', certFile);
  const key = read('AM_CLIENT_KEY', keyFile);
  let details: CertificateDetails;
  try {
    details = readCertificate(cert);
  } catch {
    throw new Error(`AM_CLIENT_CERT names ${certFile}, which is not a PEM certificate.`);
  }
  return { cert, key, details };
}
