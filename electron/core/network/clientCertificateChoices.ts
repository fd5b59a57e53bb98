import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface ClientCertificateChoice {
  origin: string;
  fingerprint: string;
  subject: string;
}

/** Which client certificate the person chose for each server (desktop app; migration 008). */
export class ClientCertificateChoices {
  constructor(private readonly db: Database) {}

  get(origin: string): ClientCertificateChoice | null {
    const row = this.db.prepare('SELECT origin, fingerprint, subject FROM client_certificate_choices WHERE origin = ?').get(origin);
    return (row as ClientCertificateChoice | undefined) ?? null;
  }

  save(choice: ClientCertificateChoice, at: number): void {
    this.db
      .prepare(
        `INSERT INTO client_certificate_choices (origin, fingerprint, subject, chosen_at) VALUES (@origin, @fingerprint, @subject, @at)
         ON CONFLICT (origin) DO UPDATE SET fingerprint = excluded.fingerprint, subject = excluded.subject, chosen_at = excluded.chosen_at`,
      )
      .run({ ...choice, at });
  }

  remove(origin: string): void {
    this.db.prepare('DELETE FROM client_certificate_choices WHERE origin = ?').run(origin);
  }
}
