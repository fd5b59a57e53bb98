import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PinnedCertificate } from '../../../shared/networkSchemas';
import type { CertificateDetails } from '../usersApi/transport/certificateDetails';

interface PinRow {
  origin: string;
  fingerprint: string;
  subject: string;
  issuer: string;
  valid_from: string;
  valid_to: string;
  pinned_at: number;
}

/** The certificates the person trusted, one per server origin (migration 008). */
export class CertificatePins {
  constructor(private readonly db: Database) {}

  get(origin: string): PinnedCertificate | null {
    const row = this.db.prepare('SELECT * FROM certificate_pins WHERE origin = ?').get(origin) as PinRow | undefined;
    return row ? toView(row) : null;
  }

  /** Every pin of a host name, whatever the port: Chromium names only the host it verifies for. */
  forHostname(hostname: string): PinnedCertificate[] {
    return this.list().filter((pin) => new URL(pin.origin).hostname === hostname.toLowerCase());
  }

  list(): PinnedCertificate[] {
    return (this.db.prepare('SELECT * FROM certificate_pins ORDER BY origin').all() as PinRow[]).map(toView);
  }

  save(origin: string, certificate: CertificateDetails, at: number): PinnedCertificate {
    this.db
      .prepare(
        `INSERT INTO certificate_pins (origin, fingerprint, subject, issuer, valid_from, valid_to, pinned_at)
         VALUES (@origin, @fingerprint, @subject, @issuer, @validFrom, @validTo, @at)
         ON CONFLICT (origin) DO UPDATE SET fingerprint = excluded.fingerprint, subject = excluded.subject, issuer = excluded.issuer,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to, pinned_at = excluded.pinned_at`,
      )
      .run({
        origin,
        fingerprint: certificate.fingerprint,
        subject: certificate.subject,
        issuer: certificate.issuer,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        at,
      });
    return this.get(origin)!;
  }

  remove(origin: string): boolean {
    return this.db.prepare('DELETE FROM certificate_pins WHERE origin = ?').run(origin).changes > 0;
  }
}

function toView(row: PinRow): PinnedCertificate {
  return {
    origin: row.origin,
    fingerprint: row.fingerprint,
    subject: row.subject,
    issuer: row.issuer,
    validTo: row.valid_to,
    pinnedAt: new Date(row.pinned_at).toISOString(),
  };
}
