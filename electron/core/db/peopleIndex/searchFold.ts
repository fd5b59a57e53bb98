/**
 * The one folding of text for directory search. People are indexed and queries are read
 * through this same function, so both sides always agree on what "contains" means:
 * case-insensitive and diacritic-insensitive in any script.
 *
 * The steps are the usual "remove accents" transform (Unicode compatibility decomposition,
 * drop the non-spacing marks, compose again), then lower case, then the letters that
 * carry their stroke or ligature inside one code point and so survive decomposition
 * (ł, ø, đ, ß, æ…): "gomez" finds "Gómez", "lukasz" finds "Łukasz", "MÜLLER" finds "Müller".
 * Whitespace runs become one space; control, format and private-use characters go (the
 * search index uses private-use characters as its own markers, docs/architecture.md).
 *
 * Changing what this returns changes what the index holds: a migration must rebuild the
 * index with it (see rebuildPeopleIndex).
 */

/** Letters that NFKD leaves whole, mapped to what a person types on a plain keyboard. */
const undecomposed: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŋ: 'n',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ς: 'σ', // Greek final sigma is the same letter as σ
};
// Built from the table's keys: string literals are escaped to ASCII in the bundle, a regex literal's letters are not (D123).
const undecomposedPattern = new RegExp(`[${Object.keys(undecomposed).join('')}]`, 'g');
const printableAscii = /^[\x20-\x7e]*$/;
/** Control, format, private-use and lone surrogate code points, except whitespace (which becomes a space). */
const invisible = /(?!\s)[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const needsSpaceCleanup = /^ | $| {2}/;

export function foldForSearch(text: string): string {
  // Most names and usernames are plain ASCII: lower case and spaces are all they need.
  if (printableAscii.test(text)) {
    const lower = text.toLowerCase();
    return needsSpaceCleanup.test(lower) ? lower.replace(/ +/g, ' ').trim() : lower;
  }
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(undecomposedPattern, (letter) => undecomposed[letter] ?? letter)
    .normalize('NFC') // recomposes what is not a diacritic (Hangul syllables, say)
    .replace(invisible, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
