// The 1,000 searches of P2: what people type in a directory box — the start of a
// username or name (2–6 chars) or a piece from the middle of a name (3–6 chars).
import { pick, seededRandom, type ListedPerson } from './fakePeople';

export function searchQueries(people: readonly ListedPerson[], count: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const length = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = pick(random, people);
    if (random() < 0.5) {
      const source = random() < 0.5 ? person.username : person.name;
      queries.push(source.slice(0, length(2, 6)).toLowerCase());
    } else {
      const word =
        pick(
          random,
          person.name.split(' ').filter((w) => w.length > 4),
        ) ?? person.name;
      const size = Math.min(length(3, 6), word.length - 1);
      const start = 1 + Math.floor(random() * (word.length - size));
      queries.push(word.slice(start, start + size).toLowerCase());
    }
  }
  return queries;
}
