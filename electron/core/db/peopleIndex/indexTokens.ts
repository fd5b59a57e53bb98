import { PieceSet } from './pieceSet';
import { foldForSearch } from './searchFold';
import { TokenText } from './tokenText';
import {
  prefixDepth,
  userMark,
  nameMark,
  endMark,
  endMarkCode,
  userWholeMark,
  nameWholeMark,
  userSpacedMark,
  nameSpacedMark,
  userWordMark,
  nameWordMark,
  space,
  wordSeparators,
  wordSeparatorCodes,
  surrogate,
  encodeText,
  serverToken,
  wholeToken,
  type IndexedFields,
} from './indexVocabulary';

/** A person's index tokens (indexVocabulary.ts says which): written once per person a sync saves. */

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
