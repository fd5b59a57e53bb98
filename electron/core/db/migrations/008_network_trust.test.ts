import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migration001 } from './001_servers_accounts';
import { migration008 } from './008_network_trust';

const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');

describe('migration 008: trusted certificates and chosen client certificates', () => {
  let opened: TempDatabase;
  beforeEach(() => (opened = openTempDatabase([migration001])));
  afterEach(() => opened.close());

  it('keeps one pinned fingerprint per https origin, and nothing else', () => {
    migration008.up(opened.db);
    const pin = opened.db.prepare(
      'INSERT INTO certificate_pins (origin, fingerprint, subject, issuer, valid_from, valid_to, pinned_at) VALUES (?, ?, ?, ?, ?, ?, 1)',
    );
    pin.run('https://chat.example:8443', fingerprint, 'CN=chat', 'CN=Corp CA', '2026-01-01', '2027-01-01');
    expect(() => pin.run('https://chat.example:8443', fingerprint, 'CN=chat', 'CN=Corp CA', '2026-01-01', '2027-01-01')).toThrow(/UNIQUE/);
    expect(() => pin.run('http://chat.example', fingerprint, 'CN=chat', 'CN=Corp CA', '2026-01-01', '2027-01-01')).toThrow(/CHECK/);
    expect(() => pin.run('https://other.example', 'AB:CD', 'CN=chat', 'CN=Corp CA', '2026-01-01', '2027-01-01')).toThrow(/CHECK/);
    const columns = ['certificate_pins', 'client_certificate_choices'].flatMap((table) =>
      (opened.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name),
    );
    expect(columns.some((name) => /token|password|secret|key/i.test(name))).toBe(false);
  });

  it('remembers one chosen client certificate per origin', () => {
    migration008.up(opened.db);
    const choose = opened.db.prepare(
      'INSERT INTO client_certificate_choices (origin, fingerprint, subject, chosen_at) VALUES (?, ?, ?, 1)',
    );
    choose.run('https://chat.example', fingerprint, 'CN=Ann');
    expect(() => choose.run('https://chat.example', fingerprint, 'CN=Ann')).toThrow(/UNIQUE/);
  });
});
