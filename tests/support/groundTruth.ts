// The answer every directory search must give, worked out here in plain JavaScript over
// the generated people: none of the app's search code, index or SQL is used, so a bug
// there cannot hide behind the same bug here. Written from the rule as the issue states
// it, not from the app's implementation:
// - each word of the query is inside the username, name, nickname or an email address;
// - ignoring case and diacritics in any script (decompose, drop the combining marks), and
//   reading letters with a stroke or ligature as the plain letters (ł→l, ø→o, ß→ss…);
// - best first: username or name equal to the query, then username starting with it, then
//   name starting with it, then a later word of either starting with it (after a space, '.',
//   '_' or '-'), then the rest; in each group in directory order (by username).
import type { ListedPerson } from './fakePeople';

const plainLetters: Record<string, string> = {
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
  ς: 'σ',
};

/** Lower case, no diacritics, single spaces. */
export function plain(text: string): string {
  let out = '';
  for (const character of text.toLowerCase().normalize('NFKD')) {
    if (/\p{Mn}/u.test(character)) continue;
    out += plainLetters[character] ?? character;
  }
  return out.normalize('NFC').split(/\s+/u).filter(Boolean).join(' ');
}

export interface TruthPerson {
  /** Position in the directory (the order a sync stores people in). */
  position: number;
  userId: string;
  username: string;
  name: string;
  /** Username, name, nickname and addresses, plain, one per line (no word holds a line break). */
  fields: string;
}

export function truthPeople(people: readonly ListedPerson[]): TruthPerson[] {
  return people.map((person, position) => {
    const emails = (person.emails as { address: string }[] | undefined)?.map((email) => plain(email.address)) ?? [];
    const username = plain(person.username);
    const name = plain(person.name);
    return { position, userId: person._id, username, name, fields: [username, name, plain(person.nickname ?? ''), ...emails].join('\n') };
  });
}

/** Group 0–4 as above, or null when the person does not match. */
export function groupOf(person: TruthPerson, query: string): number | null {
  const whole = plain(query);
  if (whole === '') return null;
  if (!whole.split(' ').every((word) => person.fields.includes(word))) return null;
  if (person.username === whole || person.name === whole) return 0;
  if (person.username.startsWith(whole)) return 1;
  if (person.name.startsWith(whole)) return 2;
  const wordStart = new RegExp(`[ ._-]${whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
  if (wordStart.test(person.username) || wordStart.test(person.name)) return 3;
  return 4;
}

/** Every match, best first: the exact list of user ids the app's pages must add up to. */
export function expectedResults(people: readonly TruthPerson[], query: string): string[] {
  const found: { group: number; position: number; userId: string }[] = [];
  for (const person of people) {
    const group = groupOf(person, query);
    if (group !== null) found.push({ group, position: person.position, userId: person.userId });
  }
  found.sort((a, b) => a.group - b.group || a.position - b.position);
  return found.map((entry) => entry.userId);
}
