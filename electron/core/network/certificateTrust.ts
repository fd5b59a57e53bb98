import type { X509Certificate } from 'node:crypto';
import { AppFailure } from '../../../shared/errors';
import type { CertificateReview, PinnedCertificate } from '../../../shared/networkSchemas';
import { normalizeServerUrl } from '../../../shared/serverAddress';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import {
  certificateFault,
  readCertificate,
  sameFingerprint,
  toX509,
  type CertificateDetails,
} from '../usersApi/transport/certificateDetails';
import type { TlsJudge, UnverifiedConnection } from '../usersApi/transport/tlsJudge';
import type { CertificatePins } from './certificatePins';

type Problem = NonNullable<CertificateReview['problem']>;

interface Sighting {
  details: CertificateDetails;
  problem: Problem;
}

/** OpenSSL's ways of saying "no authority this computer trusts issued it": what a pin may cover. */
const untrustedIssuer = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/** Chromium's (net::ERR_CERT_*, the Electron shell's verify proc) and Node's verdicts, as the problems a person is told about. */
function problemOfVerdict(verdict: string): Problem {
  const code = verdict.replace(/^net::/, '');
  if (code === 'ERR_CERT_AUTHORITY_INVALID' || untrustedIssuer.has(code)) return 'untrusted';
  if (code === 'CERT_HAS_EXPIRED' || code === 'ERR_CERT_DATE_INVALID') return 'expired';
  if (code === 'CERT_NOT_YET_VALID') return 'not-yet-valid';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'ERR_CERT_COMMON_NAME_INVALID') return 'name-mismatch';
  return 'other';
}

export interface CertificateTrustDeps {
  pins: CertificatePins;
  clock: Clock;
  /** Told `certificates.changed` after a pin changes: connections kept alive were judged under the old decision. */
  events: CoreEvents;
}

/**
 * The certificate decision (docs/network.md "The network belongs to the shell"). Both
 * shells ask here about a certificate their trust store refused: Node's connector
 * (`judge`) and Electron's verify proc (`judgeChromium`). A connection is let through only
 * when the person trusted exactly this certificate (its SHA-256) for this server, it is
 * within its dates and it names the server — a pin covers "unknown issuer", never more.
 * What was refused is kept (in memory) for the review the window shows.
 */
export class CertificateTrust implements TlsJudge {
  /** The last certificate refused per host name (Chromium names only the host). */
  private readonly sightings = new Map<string, Sighting>();

  constructor(private readonly deps: CertificateTrustDeps) {}

  judge(connection: UnverifiedConnection): true | { code: string } {
    const pin = this.deps.pins.get(connection.origin);
    const accepted = this.decide(connection.hostname, connection.certificate, connection.reason, pin ? [pin] : []);
    return accepted ? true : { code: connection.reason };
  }

  /** The Electron shell's verify proc: true accepts; false leaves Chromium's own verdict standing. */
  judgeChromium(request: { hostname: string; pem: string; verificationResult: string }): boolean {
    const verdict = request.verificationResult.replace(/^net::/, '');
    if (verdict === 'OK' || verdict === '') return false;
    let certificate: X509Certificate;
    try {
      certificate = toX509(request.pem);
    } catch {
      return false;
    }
    return this.decide(request.hostname.toLowerCase(), certificate, verdict, this.deps.pins.forHostname(request.hostname));
  }

  private decide(hostname: string, certificate: X509Certificate, verdict: string, pins: PinnedCertificate[]): boolean {
    const details = readCertificate(certificate);
    // Its own checks first: a verifier reports one error, and "unknown issuer" may hide an expired one.
    const problem = certificateFault(certificate, hostname, this.deps.clock.now()) ?? problemOfVerdict(verdict);
    if (problem === 'untrusted' && pins.some((pin) => sameFingerprint(pin.fingerprint, details.fingerprint))) return true;
    this.sightings.set(hostname, { details, problem: problem === 'untrusted' && pins.length > 0 ? 'changed' : problem });
    return false;
  }

  /**
   * What the window shows before the person decides: the certificate, the problem, the risk.
   * `probe` makes one request to the server (GET /api/info), so an unverifiable certificate is seen again.
   */
  async review(url: string, probe: (origin: string) => Promise<unknown>): Promise<CertificateReview> {
    const { origin, hostname, host } = endpointOf(url);
    const pinned = this.deps.pins.get(origin);
    if (origin.startsWith('https:')) {
      try {
        await probe(origin);
        this.sightings.delete(hostname); // it answered: whatever was refused before is not the case now
      } catch {
        // Refused again (seen anew, or Chromium's cached verdict: the last sighting stands), or not reachable.
      }
    }
    const seen = this.sightings.get(hostname);
    if (!seen) {
      return {
        origin,
        server: host,
        certificate: null,
        problem: null,
        trustable: false,
        pinned,
        explanation: pinned
          ? `You trust the certificate of ${host} shown below. Revoke it to be asked again.`
          : `The app has not seen a certificate problem with ${host}.`,
      };
    }
    const { pem: _pem, ...certificate } = seen.details;
    return {
      origin,
      server: host,
      certificate,
      problem: seen.problem,
      trustable: seen.problem === 'untrusted' || seen.problem === 'changed',
      pinned,
      explanation: explain(seen.problem, host, seen.details),
    };
  }

  /** Trusts the certificate the review showed — that exact one, for that server only. */
  trust(url: string, fingerprint: string): PinnedCertificate {
    const { origin, hostname, host } = endpointOf(url);
    if (!origin.startsWith('https:')) throw new AppFailure('validation', `${host} uses no certificate.`);
    const seen = this.sightings.get(hostname);
    if (!seen || !sameFingerprint(seen.details.fingerprint, fingerprint)) {
      throw new AppFailure('validation', `${host} now shows a different certificate from the one you reviewed. Review it again.`);
    }
    if (seen.problem !== 'untrusted' && seen.problem !== 'changed') {
      throw new AppFailure('validation', explain(seen.problem, host, seen.details));
    }
    const pin = this.deps.pins.save(origin, seen.details, this.deps.clock.now());
    this.sightings.delete(hostname);
    this.changed(origin);
    return pin;
  }

  revoke(url: string): void {
    const { origin } = endpointOf(url);
    if (this.deps.pins.remove(origin)) this.changed(origin);
  }

  pinFor(url: string): PinnedCertificate | null {
    return this.deps.pins.get(endpointOf(url).origin);
  }

  private changed(origin: string): void {
    this.deps.events.emit('certificates.changed', { origin });
  }
}

/** The TLS endpoint of a server address: pins are per scheme, host and port, whatever the path. */
function endpointOf(url: string): { origin: string; hostname: string; host: string } {
  const parsed = new URL(normalizeServerUrl(url));
  return { origin: parsed.origin, hostname: parsed.hostname.toLowerCase(), host: parsed.host };
}

function explain(problem: Problem, host: string, certificate: CertificateDetails): string {
  const day = (iso: string) => iso.slice(0, 10);
  switch (problem) {
    case 'untrusted':
      return (
        `${host} shows a certificate that no authority this computer trusts has vouched for. That is usual for a server inside ` +
        `an organisation with its own certificate authority — and it is exactly what someone intercepting your connection would ` +
        `show. Trust it only if its fingerprint matches the one your IT department gives you. The decision applies to ${host} only.`
      );
    case 'changed':
      return (
        `${host} shows a different certificate from the one you trusted before. Servers do renew their certificates, but this ` +
        `is also what someone intercepting your connection would show. Compare the new fingerprint with the one your IT ` +
        `department gives you before you trust it.`
      );
    case 'expired':
      return `The certificate of ${host} expired on ${day(certificate.validTo)}. It cannot be trusted here: the app will not connect until the server's administrators renew it.`;
    case 'not-yet-valid':
      return `The certificate of ${host} is valid only from ${day(certificate.validFrom)}. Check this computer's date and time; if they are right, ask the server's administrators. It cannot be trusted here.`;
    case 'name-mismatch':
      return `The certificate shown by ${host} is for ${certificate.names.join(', ') || 'another name'}, not ${host}. The address may be wrong, or someone may be in between. It cannot be trusted here; check the address.`;
    case 'other':
      return `The certificate of ${host} cannot be used (it is revoked, malformed or too weak). It cannot be trusted here: the app will not connect to ${host}.`;
  }
}
