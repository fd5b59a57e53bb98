import { foldForSearch } from './searchFold';
import {
  prefixDepth,
  userMark,
  nameMark,
  endMark,
  userWholeMark,
  nameWholeMark,
  userSpacedMark,
  nameSpacedMark,
  userWordMark,
  nameWordMark,
  space,
  encode,
  serverToken,
  wholeToken,
  type IndexedFields,
} from './indexVocabulary';

/** How a query is turned into lookups in the people search index (indexVocabulary.ts), and the exact rule they approximate. */

/** An FTS5 expression, and whether it matches exactly the rows meant or only a superset of them. */
interface Lookup {
  expression: string;
  exact: boolean;
}

const quote = (token: string) => `"${token}"`;

/** Rows containing the term (never a space): one token up to two characters, else all its three-character pieces. */
function containing(chars: readonly string[]): Lookup {
  if (chars.length <= 2) return { expression: quote(chars.join('')), exact: true };
  return { expression: threes(chars).map(quote).join(' AND '), exact: chars.length === 3 };
}

/** The distinct three-character pieces of `chars`. */
function threes(chars: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) pieces.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return [...pieces];
}

/**
 * Rows whose value (behind `mark`) starts with `chars`: its "starts with" token, and past
 * prefixDepth also the three-character pieces of the rest (those holding a space carry the
 * field's mark, as indexed), a superset.
 */
function startingWith(mark: string, spacedMark: string, chars: readonly string[]): Lookup {
  if (chars.length <= prefixDepth) return { expression: quote(mark + chars.join('')), exact: true };
  const head = quote(mark + chars.slice(0, prefixDepth).join(''));
  const rest = threes(chars.slice(prefixDepth - 2)).map((piece) => quote(piece.includes(space) ? spacedMark + piece : piece));
  return { expression: [head, ...rest].join(' AND '), exact: false };
}

/**
 * Rows whose value is exactly `chars`: the "starts with" token that includes the end mark,
 * or for longer values the hash of the whole value (a superset only if two values collide).
 */
function equalTo(mark: string, wholeMark: string, chars: readonly string[]): Lookup {
  if (chars.length + 1 <= prefixDepth) return { expression: quote(mark + chars.join('') + endMark), exact: true };
  return { expression: quote(wholeToken(wholeMark, chars.join(''))), exact: false };
}

/**
 * Results come in tiers, best first, each in directory order (the order the server listed
 * people, by username): 0 the username or name is the query, 1 the username starts with
 * it, 2 the name starts with it, 3 a later word of the username or name starts with it
 * ("ola" finds Funke Olasupo here, before Nikolai), 4 every other person containing every word.
 */
export const tierCount = 5;
export type Tier = 0 | 1 | 2 | 3 | 4;

export interface SearchPlan {
  /** Folded words: each must be inside the username, name, nickname or an email. */
  terms: readonly string[];
  /** The words joined by single spaces: what "is" and "starts with" compare against. */
  whole: string;
  /** Per tier, the index lookup; not exact ones are checked with tierOf. */
  tiers: readonly Lookup[];
  /** Everyone containing every word, whatever their tier. */
  anyMatch: Lookup;
}

/** Every person of one server, in directory order: what an empty search lists. */
export function everyoneOf(serverId: string): string {
  return quote(serverToken(serverId));
}

/**
 * `alone`: the index holds no other server's people, so its lookups leave out the server's
 * token, which every row carries: FTS5 would step through it beside each word for nothing
 * (a third of a search's index time at 500,000 people). The caller still keeps to the server.
 */
export function planSearch(serverId: string, query: string, { alone = false }: { alone?: boolean } = {}): SearchPlan | null {
  const terms = [...new Set(foldForSearch(query).split(' ').filter(Boolean))];
  if (terms.length === 0) return null;
  const whole = terms.join(' ');
  const wholeChars = encode(whole);
  const server = alone ? null : quote(serverToken(serverId));
  const isUser = equalTo(userMark, userWholeMark, wholeChars);
  const isName = equalTo(nameMark, nameWholeMark, wholeChars);
  const startsUser = startingWith(userMark, userSpacedMark, wholeChars);
  const startsName = startingWith(nameMark, nameSpacedMark, wholeChars);
  const wordUser = startingWith(userWordMark, userSpacedMark, wholeChars);
  const wordName = startingWith(nameWordMark, nameSpacedMark, wholeChars);
  const atWord: Lookup = { expression: `(${wordUser.expression}) OR (${wordName.expression})`, exact: wordUser.exact && wordName.exact };
  const words = terms.map((term) => containing(encode(term)));
  // Exclusions are only written into the lookup when exact: excluding a superset would drop real matches.
  const tier = (include: Lookup[], exclude: Lookup[]): Lookup => {
    // Each lookup in parentheses: FTS5's AND binds tighter than OR.
    const included = [...(server ? [server] : []), ...include.map((lookup) => `(${lookup.expression})`)].join(' AND ');
    const exact = exclude.filter((lookup) => lookup.exact);
    return {
      expression: exact.length === 0 ? included : `(${included}) NOT (${exact.map((lookup) => `(${lookup.expression})`).join(' OR ')})`,
      exact: include.every((lookup) => lookup.exact) && exact.length === exclude.length,
    };
  };
  const either: Lookup = { expression: `(${isUser.expression}) OR (${isName.expression})`, exact: isUser.exact && isName.exact };
  return {
    terms,
    whole,
    tiers: [
      tier([either], []),
      tier([startsUser], [isUser, isName]),
      tier([startsName], [startsUser, isName]),
      tier([atWord], [startsUser, startsName]),
      tier(words, [startsUser, startsName, atWord]),
    ],
    anyMatch: tier(words, []),
  };
}

export interface FoldedPerson {
  username: string;
  name: string;
  nickname: string;
  emails: readonly string[];
}

/**
 * A person's fields folded on first use: tierOf mostly decides on the username and name,
 * and folding the rest (a microsecond a person with accents) would be most of its cost.
 */
class LazyFoldedPerson implements FoldedPerson {
  private folded: { username?: string; name?: string; nickname?: string; emails?: readonly string[] } = {};

  constructor(private readonly fields: IndexedFields) {}

  get username(): string {
    return (this.folded.username ??= this.fields.username ? foldForSearch(this.fields.username) : '');
  }

  get name(): string {
    return (this.folded.name ??= this.fields.name ? foldForSearch(this.fields.name) : '');
  }

  get nickname(): string {
    return (this.folded.nickname ??= this.fields.nickname ? foldForSearch(this.fields.nickname) : '');
  }

  get emails(): readonly string[] {
    return (this.folded.emails ??= this.fields.emails.map(foldForSearch));
  }
}

export function foldPerson(fields: IndexedFields): FoldedPerson {
  return new LazyFoldedPerson(fields);
}

/** The exact rule the index lookups approximate: which tier a person is in for this search, or null. */
export function tierOf(plan: SearchPlan, person: FoldedPerson): Tier | null {
  if (person.username === plan.whole || person.name === plan.whole) return 0;
  if (person.username.startsWith(plan.whole)) return 1;
  if (person.name.startsWith(plan.whole)) return 2;
  if (startsAtLaterWord(person.username, plan.whole) || startsAtLaterWord(person.name, plan.whole)) return 3;
  const found = plan.terms.every(
    (term) =>
      person.username.includes(term) ||
      person.name.includes(term) ||
      person.nickname.includes(term) ||
      person.emails.some((email) => email.includes(term)),
  );
  return found ? 4 : null;
}

/** Folded separators between words of a username or name. */
const separators = new Set([' ', '.', '_', '-']);

/** Whether `whole` appears in `value` right after a separator. */
function startsAtLaterWord(value: string, whole: string): boolean {
  for (let at = value.indexOf(whole, 1); at !== -1; at = value.indexOf(whole, at + 1)) {
    if (separators.has(value[at - 1]!)) return true;
  }
  return false;
}
