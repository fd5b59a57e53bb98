// Deterministic, realistic-looking people for the fixtures: a seeded PRNG so every run
// (and every machine) searches and stores exactly the same data. Names come in several
// scripts and with diacritics (Łukasz Wójcik, Jörg Müller, Иван Петров, 王伟…), with
// ASCII usernames as most servers make them, so search is measured on what it must fold.

/** A first or last name as written, and as it goes into a username. */
type Name = readonly [written: string, ascii: string];
const same = (names: readonly string[]): Name[] => names.map((name) => [name, name.toLowerCase()] as const);

const LATIN_FIRST: readonly Name[] = [
  ...same(['Maya', 'Liam', 'Amara', 'Noah', 'Fatima', 'Lucas', 'Priya', 'Mateo', 'Yara', 'Elias', 'Zeynep', 'Oscar', 'Hana', 'Tunde']),
  ...same(['Ingrid', 'Kofi', 'Sofia', 'Ravi', 'Chloe', 'Dmitri', 'Aisha', 'Jonas', 'Mei', 'Carlos', 'Nadia', 'Felix', 'Leila', 'Hugo']),
  ...same(['Wanjiru', 'Arjun', 'Elena', 'Kenji', 'Grace', 'Omar', 'Freya', 'Diego', 'Chiara', 'Tomasz', 'Ayesha', 'Bruno', 'Ines']),
  ...same(['Emeka', 'Astrid', 'Samir', 'Lucia', 'Hiro', 'Olga', 'Kwame', 'Rosa', 'Viktor', 'Anika', 'Malik', 'Sienna', 'Pavel', 'Nour']),
  ...same(['Mateus', 'Keiko', 'Bola', 'Henrik', 'Dalia', 'Lars']),
  ['Łukasz', 'lukasz'],
  ['José', 'jose'],
  ['Zoë', 'zoe'],
  ['Søren', 'soren'],
  ['Björn', 'bjorn'],
  ['Çağla', 'cagla'],
  ['Đorđe', 'dorde'],
  ['Agnès', 'agnes'],
  ['Håkon', 'hakon'],
  ['Jürgen', 'jurgen'],
  ['Ángel', 'angel'],
  ['Siân', 'sian'],
];
const LATIN_LAST: readonly Name[] = [
  ...same(['Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Tanaka', 'Kowalski', 'Mensah', 'Rossi', 'Nakamura', 'Fischer', 'Adeyemi']),
  ...same(['Novak', 'Castillo', 'Petrov', 'Jensen', 'Oyelaran', 'Dubois', 'Yilmaz', 'Sato', 'Bergstrom', 'Ivanova', 'Costa', 'Eze']),
  ...same(['Varga', 'Nguyen', 'Larsen', 'Mwangi', 'Quispe', 'Bianchi', 'Chowdhury', 'Schneider', 'Alvarez', 'Kim', 'Abara', 'Fontaine']),
  ...same(['Horvath', 'Patel', 'Osei', 'Romano', 'Eriksen', 'Kaur', 'Nilsen', 'Sokolov', 'Takahashi', 'Hoffmann', 'Mbeki', 'Gallagher']),
  ...same(['Ramos', 'Wojcik', 'Achebe', 'Dahl', 'Karimi', 'Lombardi', 'Svensson', 'Mahlangu', 'Oliveira', 'Zhang', 'Murphy', 'Balogun']),
  ...same(['Virtanen']),
  ['Gómez', 'gomez'],
  ['Müller', 'mueller'],
  ['Núñez', 'nunez'],
  ['Dvořák', 'dvorak'],
  ['Nguyễn', 'nguyen'],
  ['Wójcik', 'wojcik'],
  ['Ørsted', 'orsted'],
  ['Strauß', 'strauss'],
  ['Ibáñez', 'ibanez'],
  ['Łęcki', 'lecki'],
  ['Çelik', 'celik'],
  ['Kovačević', 'kovacevic'],
  ['Þórsson', 'thorsson'],
  ['Jørgensen', 'jorgensen'],
];
/** Names in other scripts: [first, last, how the name is written (order, space)]. */
interface ScriptNames {
  first: readonly Name[];
  last: readonly Name[];
  write(first: string, last: string): string;
}
const westernOrder = (first: string, last: string) => `${first} ${last}`;
const OTHER_SCRIPTS: readonly ScriptNames[] = [
  {
    first: [
      ['Иван', 'ivan'],
      ['Ольга', 'olga'],
      ['Дмитрий', 'dmitrii'],
      ['Анна', 'anna'],
      ['Сергей', 'sergei'],
    ],
    last: [
      ['Петров', 'petrov'],
      ['Смирнова', 'smirnova'],
      ['Йорданов', 'iordanov'],
      ['Кузнецов', 'kuznetsov'],
    ],
    write: westernOrder,
  },
  {
    first: [
      ['Νίκος', 'nikos'],
      ['Ελένη', 'eleni'],
      ['Γιώργος', 'giorgos'],
    ],
    last: [
      ['Παπαδόπουλος', 'papadopoulos'],
      ['Οικονόμου', 'oikonomou'],
    ],
    write: westernOrder,
  },
  {
    first: [
      ['伟', 'wei'],
      ['娜', 'na'],
      ['敏', 'min'],
      ['洋', 'yang'],
    ],
    last: [
      ['王', 'wang'],
      ['李', 'li'],
      ['张', 'zhang'],
      ['刘', 'liu'],
    ],
    write: (first, last) => `${last}${first}`,
  },
  {
    first: [
      ['健', 'ken'],
      ['花子', 'hanako'],
      ['翔太', 'shota'],
    ],
    last: [
      ['佐藤', 'sato'],
      ['鈴木', 'suzuki'],
      ['高橋', 'takahashi'],
    ],
    write: (first, last) => `${last} ${first}`,
  },
  {
    first: [
      ['민준', 'minjun'],
      ['서연', 'seoyeon'],
    ],
    last: [
      ['김', 'kim'],
      ['이', 'lee'],
      ['박', 'park'],
    ],
    write: (first, last) => `${last}${first}`,
  },
  {
    first: [
      ['محمد', 'mohammed'],
      ['فاطمة', 'fatima'],
    ],
    last: [
      ['علي', 'ali'],
      ['حسن', 'hassan'],
    ],
    write: westernOrder,
  },
  {
    first: [
      ['प्रिया', 'priya'],
      ['अर्जुन', 'arjun'],
    ],
    last: [
      ['शर्मा', 'sharma'],
      ['पटेल', 'patel'],
    ],
    write: westernOrder,
  },
  {
    first: [
      ['דוד', 'david'],
      ['שרה', 'sara'],
    ],
    last: [
      ['כהן', 'cohen'],
      ['לוי', 'levi'],
    ],
    write: westernOrder,
  },
];
const STATUSES = ['online', 'away', 'busy', 'offline', 'offline', 'offline'];
const DOMAINS = ['example.com', 'corp.example', 'mail.example.org'];
/** One person in this many has a name in a script other than Latin. */
const otherScriptEvery = 6;

/** mulberry32: tiny, fast and good enough to pick names and queries reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export type ListedPerson = Record<string, unknown> & { _id: string; username: string; name: string; nickname?: string };

/**
 * People shaped like a users.list page after sanitising (what the sync stores), sorted by
 * username as users.list sends them with `sort={"username":1}`: a fixture written in this
 * order is in the directory order a sync leaves.
 */
export function fakePeople(count: number, seed = 1): ListedPerson[] {
  const random = seededRandom(seed);
  const taken = new Set<string>();
  const people: ListedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const script = random() < 1 / otherScriptEvery ? pick(random, OTHER_SCRIPTS) : null;
    const [first, firstAscii] = pick(random, script?.first ?? LATIN_FIRST);
    const [last, lastAscii] = pick(random, script?.last ?? LATIN_LAST);
    const name = script ? script.write(first, last) : `${first} ${last}`;
    let username = `${firstAscii}.${lastAscii}`;
    // Like real directories: the second Maya Okafor becomes maya.okafor7 (longer numbers
    // once a name is that common: a script with few names here has many people).
    for (let attempt = 0; taken.has(username); attempt++) {
      username = `${firstAscii}.${lastAscii}${Math.floor(random() * 1000 * 10 ** Math.floor(attempt / 20))}`;
    }
    taken.add(username);
    const person: ListedPerson = {
      _id: `p${i.toString(36).padStart(6, '0')}${Math.floor(random() * 1e9).toString(36)}`,
      username,
      name,
      status: pick(random, STATUSES),
      active: random() > 0.02,
      type: 'user',
      nameInsensitive: name.toLowerCase(),
      emails: [{ address: `${username}@${pick(random, DOMAINS)}`, verified: true }],
    };
    if (random() < 0.3) person.nickname = first.toLowerCase();
    people.push(person);
  }
  // Code-unit order, as a server's sort on ASCII usernames gives.
  return people.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}
