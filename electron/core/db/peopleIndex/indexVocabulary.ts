/**
 * What the people search index holds: its tokens' vocabulary, shared by the code that writes
 * a person's tokens (indexTokens.ts) and the code that turns a query into lookups (searchTokens.ts).
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

export const userMark = '\uE100';
export const nameMark = '\uE101';
export const endMark = '\uE102';
export const endMarkCode = endMark.charCodeAt(0);
const serverMark = '\uE103';
/** Followed by a hash of the whole username / name: "is" for values too long for a "starts with" token. */
export const userWholeMark = '\uE104';
export const nameWholeMark = '\uE105';
/** Before a three-character piece of a username / name that holds a space (never a prefix token: those use userMark). */
export const userSpacedMark = '\uE106';
export const nameSpacedMark = '\uE107';
/** Before the first 1…prefixDepth characters from a later word of the username / name on ("ana.gomez" → "g", "go"…). */
export const userWordMark = '\uE108';
export const nameWordMark = '\uE109';

/** ASCII code → what the index stores: a–z and 0–9 as they are, the rest as U+E000 + code. */
const asciiCodes: readonly string[] = Array.from({ length: 128 }, (_, code) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) ? String.fromCharCode(code) : String.fromCharCode(0xe000 + code),
);
export const space = asciiCodes[0x20]!;
/** What separates words in a username or name, as the index writes it: space, '.', '_', '-'. */
export const wordSeparators = new Set([0x20, 0x2e, 0x5f, 0x2d].map((code) => asciiCodes[code]!));
export const wordSeparatorCodes = new Set([...wordSeparators].map((separator) => separator.charCodeAt(0)));
const notLetterOrDigit = /[\x00-\x2f\x3a-\x60\x7b-\x7f]/g;
export const surrogate = /[\uD800-\uDFFF]/;

/** Folded text as the index writes it: ASCII other than letters and digits as private-use characters. */
export function encodeText(folded: string): string {
  return folded.replace(notLetterOrDigit, (character) => asciiCodes[character.charCodeAt(0)]!);
}

/** The characters of folded text as the index writes them, one string per code point. */
export function encode(folded: string): string[] {
  const text = encodeText(folded);
  // Without surrogate pairs every code unit is a character: split is much faster than iterating.
  return surrogate.test(text) ? Array.from(text) : text.split('');
}

let lastServer = { id: '', token: serverMark };

/** The token that every person of this server carries (server ids are used exactly, not folded). */
export function serverToken(serverId: string): string {
  if (lastServer.id !== serverId) lastServer = { id: serverId, token: serverMark + encodeText(serverId) };
  return lastServer.token;
}

/** FNV-1a over the encoded text: a short token standing for a whole value (a collision only adds a candidate). */
export function wholeToken(mark: string, text: string): string {
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
