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

interface Candidate extends PersonHit {
  id: number;
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
  private readonly candidates: Statement;
  private readonly othersSaved: Statement;

  constructor(db: Database) {
    // Two seeks in the (server_id, user_id) index: whether any other server's people are saved.
    this.othersSaved = db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM people WHERE server_id < @serverId) OR EXISTS (SELECT 1 FROM people WHERE server_id > @serverId)`,
      )
      .pluck();
    // CROSS JOIN fixes the order: the index first (in id order, from `after` on), then each match's row.
    this.candidates = db.prepare(
      `SELECT p.id, p.user_id AS userId, p.username, p.name, p.nickname, p.emails, p.status
       FROM people_index CROSS JOIN people p ON p.id = people_index.rowid
       WHERE people_index MATCH @match AND people_index.rowid > @after AND p.server_id = @serverId
       ORDER BY people_index.rowid LIMIT @limit`,
    );
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
      const rows = this.candidates.all({ match: lookup.expression, after: from, serverId, limit: batch }) as Candidate[];
      for (const { id, ...hit } of rows) {
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
    const rows = this.candidates.all({
      match: everyoneOf(serverId),
      after: start ? Number(start[2]) : 0,
      serverId,
      limit: limit + 1,
    }) as Candidate[];
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    const last = page[page.length - 1];
    return { people: page.map(({ id: _id, ...hit }) => hit), more, next: more && last ? `0.${last.id}` : null };
  }
}
