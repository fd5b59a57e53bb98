import type { Clock } from '../clock';
import { readCertificate, sameFingerprint } from '../usersApi/transport/certificateDetails';
import type { ClientCertificateChoices } from './clientCertificateChoices';
import type { NetworkPrompts } from './networkPrompts';

/**
 * Which of the system's client certificates the desktop app presents to a server that asks
 * (`select-client-certificate`): the one the person chose for that server, remembered; the
 * person is asked the first time, and again when that certificate is no longer offered.
 */
export class ClientCertificatePicker {
  constructor(private readonly deps: { choices: ClientCertificateChoices; prompts: NetworkPrompts; clock: Clock }) {}

  /** The index of the certificate to present, or null to continue without one. */
  async choose(url: string, certificates: string[]): Promise<number | null> {
    const origin = new URL(url).origin;
    const offered = certificates.map((pem) => {
      try {
        return readCertificate(pem);
      } catch {
        return null;
      }
    });
    const remembered = this.deps.choices.get(origin);
    if (remembered) {
      const index = offered.findIndex((details) => details && sameFingerprint(details.fingerprint, remembered.fingerprint));
      if (index >= 0) return index;
    }
    const options = offered.flatMap((details) =>
      details ? [{ fingerprint: details.fingerprint, subject: details.subject, issuer: details.issuer, validTo: details.validTo }] : [],
    );
    if (options.length === 0) return null;
    const answer = await this.deps.prompts.ask({ kind: 'client-certificate', server: new URL(url).host, certificates: options });
    if (!answer || !('fingerprint' in answer)) return null;
    const index = offered.findIndex((details) => details && sameFingerprint(details.fingerprint, answer.fingerprint));
    const chosen = offered[index];
    if (!chosen) return null;
    this.deps.choices.save({ origin, fingerprint: chosen.fingerprint, subject: chosen.subject }, this.deps.clock.now());
    return index;
  }

  chosenFor(url: string): string | null {
    return this.deps.choices.get(new URL(url).origin)?.subject ?? null;
  }
}
