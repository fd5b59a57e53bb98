import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../../../tests/support/tempDatabase';

describe('migration 005: avatars', () => {
  let opened: TempDatabase;

  beforeEach(() => {
    opened = openTempDatabase();
    opened.db.exec("INSERT INTO servers (id, origin, added_at) VALUES ('s', 'https://x.example', 1)");
  });
  afterEach(() => {
    opened.close();
  });

  it('keeps one image per server and username, and drops them with the server', () => {
    const put = opened.db.prepare(
      "INSERT INTO avatars (server_id, username, content_type, bytes, fetched_at) VALUES ('s', 'ann', 'image/png', ?, 1)",
    );
    put.run(Buffer.from([1, 2, 3]));
    expect(() => put.run(Buffer.from([4]))).toThrow(/UNIQUE/);
    expect(opened.db.prepare('SELECT bytes FROM avatars').pluck().get()).toEqual(Buffer.from([1, 2, 3]));
    opened.db.exec("DELETE FROM servers WHERE id = 's'");
    expect(opened.db.prepare('SELECT count(*) FROM avatars').pluck().get()).toBe(0);
  });
});
