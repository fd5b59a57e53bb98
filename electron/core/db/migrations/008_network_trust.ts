import type { Migration } from '../migration';

/**
 * What the person decided about a server's connection (docs/architecture.md "The network
 * belongs to the shell"): a certificate trusted for one server, kept as its SHA-256
 * fingerprint (a different certificate later asks again), and the client certificate chosen
 * for a server (the desktop app asks once). Keyed by origin — scheme, host and port, the TLS
 * endpoint — so a decision can be made before the server is added. Certificates are public;
 * nothing secret is kept here.
 */
export const migration008: Migration = {
  version: 8,
  description: 'trusted certificates and chosen client certificates per server',
  up(db) {
    db.exec(`
      CREATE TABLE certificate_pins (
        origin TEXT PRIMARY KEY CHECK (origin LIKE 'https://%'),
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 95),
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        pinned_at INTEGER NOT NULL
      );
      CREATE TABLE client_certificate_choices (
        origin TEXT PRIMARY KEY CHECK (origin LIKE 'https://%'),
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 95),
        subject TEXT NOT NULL,
        chosen_at INTEGER NOT NULL
      );
    `);
  },
};
