import type { Database, Statement } from 'better-sqlite3';

export interface PersonHit {
  userId: string;
  username: string | null;
  name: string | null;
  nickname: string | null;
  emails: string | null;
  status: string | null;
}

/** How many index matches are ranked in JS; bounded so a common trigram stays fast. */
const candidateLimit = 100;

/**
 * Directory search over the cached people of one server, answered locally (offline too).
 * Terms of three or more characters go through the trigram FTS index (substring match);
 * a query of only shorter terms is a prefix search on the case-insensitive indexes.
 * Results are ranked exact > prefix > word start > substring, then by username.
 */
export class PeopleSearch {
  private readonly byIndex: Statement;
  private readonly byPrefix: Statement;

  constructor(db: Database) {
    const columns = `p.user_id AS userId, p.username, p.name, p.nickname, p.emails, p.status`;
    // CROSS JOIN fixes the order: the trigram index first, then each match's row. Left to
    // itself the planner may walk people by server and run the MATCH per row (500× slower).
    this.byIndex = db.prepare(
      `SELECT ${columns} FROM people_search CROSS JOIN people p ON p.rowid = people_search.rowid
       WHERE people_search MATCH @match AND p.server_id = @serverId LIMIT ${candidateLimit}`,
    );
    this.byPrefix = db.prepare(
      `SELECT ${columns} FROM people p WHERE p.server_id = @serverId
         AND p.username >= @low COLLATE NOCASE AND p.username < @high COLLATE NOCASE
       UNION
       SELECT ${columns} FROM people p WHERE p.server_id = @serverId
         AND p.name >= @low COLLATE NOCASE AND p.name < @high COLLATE NOCASE
       LIMIT ${candidateLimit}`,
    );
  }

  search(serverId: string, query: string, limit: number): { people: PersonHit[]; more: boolean } {
    // NUL separates terms like a space: SQLite's FTS query syntax ends a string at NUL.
    const terms = query
      .toLowerCase()
      .split(/[\s\0]+/)
      .filter(Boolean);
    if (terms.length === 0) return { people: [], more: false };
    const long = terms.filter((term) => [...term].length >= 3);
    const candidates = (
      long.length > 0
        ? this.byIndex.all({ serverId, match: long.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ') })
        : this.byPrefix.all({ serverId, low: terms[0], high: `${terms[0]}\u{10ffff}` })
    ) as PersonHit[];
    // The index cannot check short terms of a longer query; do it here on the few candidates.
    const wordStart = new RegExp(`(^|[\\s._-])${escapeRegExp(terms[0]!)}`);
    // The index already matched every long term; only short ones need checking here.
    const short = terms.filter((term) => [...term].length < 3);
    const ranked = (short.length === 0 ? candidates : candidates.filter((hit) => short.every((term) => haystack(hit).includes(term)))).map(
      (hit) => ({ hit, score: score(hit, terms[0]!, wordStart), key: hit.username ?? '' }),
    );
    ranked.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { people: ranked.slice(0, limit).map((entry) => entry.hit), more: ranked.length > limit || candidates.length >= candidateLimit };
  }
}

function haystack(hit: PersonHit): string {
  return [hit.username, hit.name, hit.nickname, hit.emails].filter(Boolean).join('\n').toLowerCase();
}

function score(hit: PersonHit, term: string, wordStart: RegExp): number {
  const username = (hit.username ?? '').toLowerCase();
  const name = (hit.name ?? '').toLowerCase();
  if (username === term || name === term) return 4;
  if (username.startsWith(term) || name.startsWith(term)) return 3;
  if (wordStart.test(`${username} ${name}`)) return 2;
  return 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
