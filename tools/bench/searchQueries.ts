// The searches of P2: what people type in a directory box, in five kinds so each is
// measured and checked on its own — one character, two, three to six (the start of a
// username or name, or a piece from the middle of a name), two words (in either order),
// and non-ASCII (a name as written, without its accents, or in capitals).
import { pick, seededRandom, type ListedPerson } from '../../tests/support/fakePeople';

export type QueryKind = 'one' | 'two' | 'three+' | 'words' | 'non-ascii';
export interface SearchQuery {
  query: string;
  kind: QueryKind;
}

const kinds: readonly [QueryKind, number][] = [
  ['one', 0.1],
  ['two', 0.2],
  ['three+', 0.4],
  ['words', 0.15],
  ['non-ascii', 0.15],
];

const stripAccents = (text: string) => text.normalize('NFD').replace(/\p{Mn}/gu, '');

export function searchQueries(people: readonly ListedPerson[], count: number, seed = 7): SearchQuery[] {
  const random = seededRandom(seed);
  const length = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const piece = (text: string, size: number) => {
    const chars = Array.from(text);
    const start = Math.floor(random() * Math.max(1, chars.length - size + 1));
    return chars.slice(start, start + size).join('');
  };
  const kindAt = (draw: number): QueryKind => {
    let sum = 0;
    for (const [kind, share] of kinds) {
      sum += share;
      if (draw < sum) return kind;
    }
    return 'three+';
  };
  const nonAscii = people.filter((person) => /[^\x20-\x7e]/.test(person.name));
  const queries: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kindAt(random());
    const person = pick(random, kind === 'non-ascii' && nonAscii.length > 0 ? nonAscii : people);
    const words = person.name.split(' ');
    const source = random() < 0.5 ? person.username : person.name;
    let query: string;
    switch (kind) {
      case 'one':
        query = piece(source, 1).toLowerCase();
        break;
      case 'two':
        query = (random() < 0.5 ? source.slice(0, 2) : piece(source, 2)).toLowerCase();
        break;
      case 'three+':
        query = (random() < 0.5 ? source.slice(0, length(3, 6)) : piece(pick(random, words), length(3, 6))).toLowerCase();
        break;
      case 'words': {
        const [first = '', last = ''] =
          words.length > 1 ? words : [person.username.split('.')[0] ?? '', person.username.split('.')[1] ?? ''];
        const a = first.toLowerCase();
        const b = last.slice(0, length(1, 3)).toLowerCase();
        query = random() < 0.7 ? `${a} ${b}` : `${b} ${a}`;
        break;
      }
      case 'non-ascii': {
        const word = pick(random, words);
        const part = word.slice(0, length(2, Math.max(2, word.length)));
        const variant = random();
        // As written, without accents (what a plain keyboard types), or shouted.
        query = variant < 0.4 ? part : variant < 0.7 ? stripAccents(part).replace(/ł/g, 'l').replace(/Ł/g, 'L') : part.toUpperCase();
        break;
      }
    }
    queries.push({ query, kind });
  }
  return queries;
}
