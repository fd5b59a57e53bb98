import type { X509Certificate } from 'node:crypto';
import { nodeCrypto, nodeNet } from '../../nodeBuiltins';

/** What a person is shown about a server's certificate before deciding to trust it. */
export interface CertificateDetails {
  /** Who it claims to be, e.g. "CN=chat.example.com, O=Example". */
  subject: string;
  /** Who issued it. */
  issuer: string;
  /** ISO times. */
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate (DER), colon-separated upper-case hex: what a pin holds. */
  fingerprint: string;
  /** The names it is valid for (subject alternative names). */
  names: string[];
  pem: string;
}

/** What is wrong with a certificate beyond "nobody this computer trusts issued it". */
export type CertificateFault = 'expired' | 'not-yet-valid' | 'name-mismatch';

/** A certificate as Node's X509Certificate, read from PEM or DER when it is not one yet. */
export function toX509(certificate: X509Certificate | string | Buffer): X509Certificate {
  const { X509Certificate } = nodeCrypto();
  return certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
}

export function readCertificate(certificate: X509Certificate | string | Buffer): CertificateDetails {
  const x509 = toX509(certificate);
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    fingerprint: x509.fingerprint256,
    names: (x509.subjectAltName ?? '')
      .split(', ')
      .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
      .filter(Boolean),
    pem: x509.toString(),
  };
}

/**
 * The faults the app checks itself, whatever the verifier said first: OpenSSL and Chromium
 * report one error each, so an untrusted certificate that is also expired may be reported
 * only as untrusted. A pin never covers any of these.
 */
export function certificateFault(certificate: X509Certificate | string | Buffer, hostname: string, now: number): CertificateFault | null {
  const x509 = toX509(certificate);
  if (now > Date.parse(x509.validTo)) return 'expired';
  if (now < Date.parse(x509.validFrom)) return 'not-yet-valid';
  const host = hostname.replace(/^\[|\]$/g, '');
  const matches = nodeNet().isIP(host) ? x509.checkIP(host) !== undefined : x509.checkHost(host) !== undefined;
  return matches ? null : 'name-mismatch';
}

/** SHA-256 fingerprints compare without regard to case or separators. */
export function sameFingerprint(a: string, b: string): boolean {
  const plain = (value: string) => value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return plain(a) !== '' && plain(a) === plain(b);
}

function distinguishedName(text: string): string {
  // Node gives one "KEY=value" per line, most general first; people read the name first.
  return text.split('\n').filter(Boolean).reverse().join(', ');
}
