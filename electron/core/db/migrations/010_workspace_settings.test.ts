import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';
import { migration001 } from './001_servers_accounts';
import { migration010 } from './010_workspace_settings';

describe('migration 010: the public settings each workspace was last seen with', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase([migration001]);
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
  });
  afterEach(() => opened.close());

  it('keeps one JSON object per server, and goes with the server', () => {
    migration010.up(opened.db);
    const put = opened.db.prepare('INSERT INTO workspace_settings (server_id, settings, fetched_at) VALUES (?, ?, 1)');
    put.run('s', JSON.stringify({ Accounts_AllowUsernameChange: false }));
    expect(() => put.run('s', '{}')).toThrow(/UNIQUE/);
    expect(() => put.run('nowhere', '{}')).toThrow(/FOREIGN KEY/);
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('t', 'https://y.example', 1)");
    expect(() => put.run('t', '[1]')).toThrow(/CHECK/);
    expect(() => put.run('t', 'not json')).toThrow(/CHECK/);
    opened.db.exec("DELETE FROM servers WHERE id = 's'");
    expect(opened.db.prepare('SELECT count(*) FROM workspace_settings').pluck().get()).toBe(0);
  });
});
