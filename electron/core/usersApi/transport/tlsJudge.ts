import type { X509Certificate } from 'node:crypto';

export interface UnverifiedConnection {
  /** The server's origin (https://host[:port]), the key of its pin. */
  origin: string;
  hostname: string;
  certificate: X509Certificate;
  /** Why Node refused it: OpenSSL's code (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED…) or ERR_TLS_CERT_ALTNAME_INVALID. */
  reason: string;
}

/**
 * Decides about a TLS connection Node could not verify against its trust store: the core's
 * certificate pins (network/certificateTrust.ts). nodeFetch's secure channel only asks
 * (connectors/secureChannel.ts).
 */
export interface TlsJudge {
  /** true lets the connection through; a code says why not (the reason, or the judge's own). */
  judge(connection: UnverifiedConnection): true | { code: string };
}
