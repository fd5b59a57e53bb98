import { PieceSet } from './pieceSet';
import { foldForSearch } from './searchFold';
import { TokenText } from './tokenText';

/**
 * What the people search index holds, and how a query is turned into index lookups.
 *
 * The index (FTS5, `ascii` tokenizer, detail=none: one row list per token, no positions)
 * gets, per person, the distinct one-, two- and three-character pieces of the folded
 * username, name, nickname and each email address, so a term of any length is looked up:
 * one or two characters as one token, three or more as all of its three-character pieces
 * (a superset, checked exactly afterwards). Spaces never appear in a term, so no piece
 * spans one. Besides those: the first 1…prefixDepth characters of the username and of the
 * name (ending with an end mark when the value is that short), and a hash of the whole
 * value when it is longer, so "starts with" and "is" are single tokens too; the first
 * 1…prefixDepth characters from each later word of the username and name on (after a space,
 * '.', '_' or '-'), so "a word starts with" is one token as well; and one token naming the
 * server, so one server's people are searched without reading another's.
 *
 * The ascii tokenizer splits on ASCII characters other than letters and digits, so those
 * are written as private-use characters (U+E000 + code); folded text has none of its own.
 */

/** How many leading characters of a username or name get their own "starts with" token. */
export const prefixDepth = 6;

const userMark = '\uE100';
const nameMark = '\uE101';
const endMark = '\uE102';
const endMarkCode = endMark.charCodeAt(0);
const serverMark = '\uE103';
/** Followed by a hash of the whole username / name: "is" for values too long for a "starts with" token. */
const userWholeMark = '\uE104';
const nameWholeMark = '\uE105';
/** Before a three-character piece of a username / name that holds a space (never a prefix token: those use userMark). */
const userSpacedMark = '\uE106';
const nameSpacedMark = '\uE107';
/** Before the first 1…prefixDepth characters from a later word of the username / name on ("ana.gomez" → "g", "go"…). */
const userWordMark = '\uE108';
const nameWordMark = '\uE109';

/** ASCII code → what the index stores: a–z and 0–9 as they are, the rest as U+E000 + code. */
const asciiCodes: readonly string[] = Array.from({ length: 128 }, (_, code) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? String.fromCharCode(code) : String.fromCharCode(0xe000 + code),
);
const space = asciiCodes[0x20]!;
/** What separates words in a username or name, as the index writes it: space, '.', '_', '-'. */
const wordSeparators = new Set([0x20, 0x2e, 0x5f, 0x2d].map((code) => asciiCodes[code]!));
const wordSeparatorCodes = new Set([...wordSeparators].map((separator) => separator.charCodeAt(0)));
const notLetterOrDigit = /[\x00-\x2f\x3a-\x60\x7b-\x7f]/g;
const surrogate = /[\uD800-\uDFFF]/;

/** Folded text as the index writes it: ASCII other than letters and digits as private-use characters. */
function encodeText(folded: string): string {
  return folded.replace(notLetterOrDigit, (character) => asciiCodes[character.charCodeAt(0)]!);
}

/** The characters of folded text as the index writes them, one string per code point. */
function encode(folded: string): string[] {
  const text = encodeText(folded);
  // Without surrogate pairs every code unit is a character: split is much faster than iterating.
  return surrogate.test(text) ? Array.from(text) : text.split('');
}

let lastServer = { id: '', token: serverMark };

/** The token that every person of this server carries (server ids are used exactly, not folded). */
function serverToken(serverId: string): string {
  if (lastServer.id !== serverId) lastServer = { id: serverId, token: serverMark + encodeText(serverId) };
  return lastServer.token;
}

/** FNV-1a over the encoded text: a short token standing for a whole value (a collision only adds a candidate). */
function wholeToken(mark: string, text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mark + (hash >>> 0).toString(36);
}

export interface IndexedFields {
  username: string | null;
  name: string | null;
  nickname: string | null;
  emails: readonly string[];
}

const spaceCode = space.charCodeAt(0);
const pieceSet = new PieceSet();

/** A value to cut into pieces; three-character pieces of a `marked` one that hold a space carry its mark. */
interface Value {
  text: string;
  mark: string | null;
}

/** Piece kinds in the PieceSet besides lengths 1–3: a marked three-character piece. */
const markedKind = 4;

/**
 * Adds the distinct one-, two- and three-character pieces of each value to `out`
 * (text with surrogate pairs, rare in names, goes through a Set of strings instead).
 * No word of a query holds a space, so pieces with one only serve "starts with" lookups of
 * several words (tiers 1 and 2): they are kept for usernames and names only, marked with
 * the field's mark so a username lookup does not find names.
 */
function addPieces(values: readonly Value[], out: TokenText): void {
  let length = 0;
  for (const { text } of values) length += text.length;
  pieceSet.reset(length * 3);
  const slow = new Set<string>();
  for (const { text, mark } of values) {
    if (surrogate.test(text)) {
      addCharPieces(Array.from(text), mark, slow, out);
      continue;
    }
    const markCode = mark === null ? 0 : mark.charCodeAt(0);
    for (let i = 0; i < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
      const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
      if (a !== spaceCode) {
        if (pieceSet.add(1, a, 0, 0)) out.addUnits(a);
        if (b !== -1 && b !== spaceCode && pieceSet.add(2, a, b, 0)) out.addUnits(a, b);
      }
      if (c === -1) continue;
      if (a !== spaceCode && b !== spaceCode && c !== spaceCode) {
        if (pieceSet.add(3, a, b, c)) out.addUnits(a, b, c);
      } else if (mark !== null && pieceSet.add(markedKind + (markCode & 3), a, b, c)) {
        out.addUnits(markCode, a, b, c);
      }
    }
  }
}

function addCharPieces(chars: readonly string[], mark: string | null, seen: Set<string>, out: TokenText): void {
  const keep = (token: string) => {
    if (seen.has(token)) return;
    seen.add(token);
    out.add(token);
  };
  for (let i = 0; i < chars.length; i++) {
    const [a, b, c] = [chars[i]!, chars[i + 1], chars[i + 2]];
    if (a !== space) {
      keep(a);
      if (b !== undefined && b !== space) keep(a + b);
    }
    if (b === undefined || c === undefined) continue;
    if (a !== space && b !== space && c !== space) keep(a + b + c);
    else if (mark !== null) keep(mark + a + b + c);
  }
}

/** The "starts with" tokens of a username or name, and its "is" token. Tokens that differ by their mark and length: never the same twice. */
function addStarts(mark: string, whole: string, text: string, out: TokenText): void {
  if (surrogate.test(text)) {
    const chars = Array.from(text);
    for (let i = 1; i <= Math.min(prefixDepth, chars.length + 1); i++)
      out.add(mark + chars.slice(0, i).join('') + (i > chars.length ? endMark : ''));
    if (chars.length + 1 > prefixDepth) out.add(wholeToken(whole, text));
    return;
  }
  const markCode = mark.charCodeAt(0);
  for (let i = 1; i <= Math.min(prefixDepth, text.length); i++) out.addSlice(markCode, text, 0, i);
  if (text.length + 1 <= prefixDepth) out.addSlice(markCode, text, 0, text.length, endMarkCode);
  else out.add(wholeToken(whole, text));
}

/** From each later word on (after a separator): its first 1…prefixDepth characters, each once though two words may start alike. */
function addWordStarts(mark: string, text: string, out: TokenText): void {
  if (surrogate.test(text)) {
    const chars = Array.from(text);
    const seen = new Set<string>();
    for (let i = 1; i < chars.length; i++) {
      if (!wordSeparators.has(chars[i - 1]!)) continue;
      let token = mark;
      for (let j = i; j < Math.min(i + prefixDepth, chars.length); j++) {
        token += chars[j]!;
        if (!seen.has(token)) {
          seen.add(token);
          out.add(token);
        }
      }
    }
    return;
  }
  const markCode = mark.charCodeAt(0);
  earlierWords.length = 0;
  for (let i = 1; i < text.length; i++) {
    if (!wordSeparatorCodes.has(text.charCodeAt(i - 1))) continue;
    const end = Math.min(i + prefixDepth, text.length);
    for (let to = i + 1; to <= end; to++) {
      if (!startsEarlier(text, i, to - i)) out.addSlice(markCode, text, i, to);
    }
    earlierWords.push(i);
  }
}

/** Word starts already written for the value addWordStarts is on. */
const earlierWords: number[] = [];

/** Whether an earlier word of `text` starts with the `length` characters at `at`. */
function startsEarlier(text: string, at: number, length: number): boolean {
  for (const word of earlierWords) {
    if (word + length > text.length) continue;
    let same = true;
    for (let k = 0; k < length && same; k++) same = text.charCodeAt(word + k) === text.charCodeAt(at + k);
    if (same) return true;
  }
  return false;
}

const out = new TokenText();

/** The index's text for one person: distinct tokens separated by spaces. */
export function indexTokens(serverId: string, fields: IndexedFields): string {
  out.reset();
  out.add(serverToken(serverId));
  const values: Value[] = [];
  if (fields.username) {
    const text = encodeText(foldForSearch(fields.username));
    values.push({ text, mark: userSpacedMark });
    addStarts(userMark, userWholeMark, text, out);
    addWordStarts(userWordMark, text, out);
  }
  if (fields.name) {
    const text = encodeText(foldForSearch(fields.name));
    values.push({ text, mark: nameSpacedMark });
    addStarts(nameMark, nameWholeMark, text, out);
    addWordStarts(nameWordMark, text, out);
  }
  if (fields.nickname) values.push({ text: encodeText(foldForSearch(fields.nickname)), mark: null });
  for (const email of fields.emails) values.push({ text: encodeText(foldForSearch(email)), mark: null });
  addPieces(values, out);
  return out.toString();
}

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
