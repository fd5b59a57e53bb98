import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { everyoneOf, foldPerson, planSearch, tierCount, tierOf, type Tier } from '../db/peopleIndex/searchTokens';

export interface PersonHit {
  userId: string;
  username: string | null;
  name: string | null;
  nickname: string | null;
  emails: string | null;
  status: string | null;
}

export interface SearchPage {
  people: PersonHit[];
  more: boolean;
  /** Where the next page starts (pass it back as `after`), null when there is none. */
  next: string | null;
}

/** A candidate row as SQLite returns it in raw mode: id, then the hit's fields in PersonHit's order. */
type CandidateRow = [
  id: number,
  userId: string,
  username: string | null,
  name: string | null,
  nickname: string | null,
  emails: string | null,
  status: string | null,
];

interface Candidate {
  id: number;
  hit: PersonHit;
}

/** Where a page ended: the tier and the last person id read in it. */
const cursorPattern = /^([0-4])\.(\d{1,15})$/;

/**
 * Directory search over the cached people of one server, answered locally (offline too).
 * Every person whose username, name, nickname or an email contains every word of the
 * query is found, whatever the words' length, order, case or accents; results come best
 * first (searchTokens.ts: the query itself, then username prefix, then name prefix, then
 * the rest), each tier in directory order, a page at a time with a cursor so every page
 * is full while more match.
 *
 * Each tier is read from the index in id order and stops as soon as the page is full:
 * a search costs about the page it returns, not the number of people who match.
 */
export class PeopleSearch {
  /** The candidates statement per page length (see candidatesOf). */
  private readonly candidates = new Map<number, Statement>();
  private readonly othersSaved: Statement;

  constructor(private readonly db: Database) {
    // Two seeks in the (server_id, user_id) index: whether any other server's people are saved.
    this.othersSaved = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM people WHERE server_id < @serverId) OR EXISTS (SELECT 1 FROM people WHERE server_id > @serverId)`,
      )
      .pluck();
  }

  /**
   * Up to `limit` matches of an index lookup from `after` on, with their rows. The limit is
   * written into the statement, one statement per limit: SQLite reads a bound LIMIT while
   * planning, so it plans the statement again every time one is bound (about 11 µs a lookup).
   * Rows come as arrays: building an object per row with named keys costs more than reading it.
   */
  private candidatesOf(match: string, after: number, serverId: string, limit: number): Candidate[] {
    let statement = this.candidates.get(limit);
    if (!statement) {
      if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`not a page length: ${limit}`);
      // CROSS JOIN fixes the order: the index first (in id order, from `after` on), then each match's row.
      statement = this.db
        .prepare(
          `SELECT p.id, p.user_id, p.username, p.name, p.nickname, p.emails, p.status
           FROM people_index CROSS JOIN people p ON p.id = people_index.rowid
           WHERE people_index MATCH @match AND people_index.rowid > @after AND p.server_id = @serverId
           ORDER BY people_index.rowid LIMIT ${limit}`,
        )
        .raw(true);
      this.candidates.set(limit, statement);
    }
    return (statement.all({ match, after, serverId }) as CandidateRow[]).map(([id, userId, username, name, nickname, emails, status]) => ({
      id,
      hit: { userId, username, name, nickname, emails, status },
    }));
  }

  search(serverId: string, query: string, limit: number, after?: string): SearchPage {
    const plan = planSearch(serverId, query, { alone: this.othersSaved.get({ serverId }) === 0 });
    if (!plan) return { people: [], more: false, next: null };
    const start = after ? cursorPattern.exec(after) : null;
    let tier = (start ? Number(start[1]) : 0) as Tier;
    let from = start ? Number(start[2]) : 0;
    // One more than the page: whether it exists is `more`.
    const wanted = limit + 1;
    const found: { hit: PersonHit; tier: Tier; id: number }[] = [];
    while (tier < tierCount && found.length < wanted) {
      const lookup = plan.tiers[tier]!;
      // A superset lookup reads a few more at once: most of the cost of a read is starting it.
      const batch = lookup.exact ? wanted - found.length : Math.max(wanted - found.length, 32);
      const rows = this.candidatesOf(lookup.expression, from, serverId, batch);
      for (const { id, hit } of rows) {
        // A lookup that may return more than its tier is checked against the exact rule.
        if (lookup.exact || tierOf(plan, foldPerson({ ...hit, emails: hit.emails ? hit.emails.split(' ') : [] })) === tier) {
          found.push({ hit, tier, id });
        }
      }
      if (rows.length < batch) {
        tier = (tier + 1) as Tier;
        from = 0;
      } else {
        from = rows[rows.length - 1]!.id;
      }
    }
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    const more = found.length > limit;
    return { people: page.map((entry) => entry.hit), more, next: more && last ? `${last.tier}.${last.id}` : null };
  }

  /** Nothing typed: everyone saved for the server, in directory order, a page at a time (browsing before searching). */
  everyone(serverId: string, limit: number, after?: string): SearchPage {
    const start = after ? cursorPattern.exec(after) : null;
    const rows = this.candidatesOf(everyoneOf(serverId), start ? Number(start[2]) : 0, serverId, limit + 1);
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    const last = page[page.length - 1];
    return { people: page.map((row) => row.hit), more, next: more && last ? `0.${last.id}` : null };
  }
}
