// Deterministic, realistic-looking people for the fixtures: a seeded PRNG so every run
// (and every machine) searches and stores exactly the same data.

const FIRST = [
  'Maya',
  'Liam',
  'Amara',
  'Noah',
  'Fatima',
  'Lucas',
  'Priya',
  'Mateo',
  'Yara',
  'Elias',
  'Zeynep',
  'Oscar',
  'Hana',
  'Tunde',
  'Ingrid',
  'Kofi',
  'Sofia',
  'Ravi',
  'Chloe',
  'Dmitri',
  'Aisha',
  'Jonas',
  'Mei',
  'Carlos',
  'Nadia',
  'Felix',
  'Leila',
  'Hugo',
  'Wanjiru',
  'Arjun',
  'Elena',
  'Kenji',
  'Grace',
  'Omar',
  'Freya',
  'Diego',
  'Chiara',
  'Tomasz',
  'Ayesha',
  'Bruno',
  'Ines',
  'Emeka',
  'Astrid',
  'Samir',
  'Lucia',
  'Hiro',
  'Olga',
  'Kwame',
  'Rosa',
  'Viktor',
  'Anika',
  'Malik',
  'Sienna',
  'Pavel',
  'Nour',
  'Mateus',
  'Keiko',
  'Bola',
  'Henrik',
  'Dalia',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Haddad',
  'Moreau',
  'Tanaka',
  'Kowalski',
  'Mensah',
  'Rossi',
  'Nakamura',
  'Fischer',
  'Adeyemi',
  'Novak',
  'Castillo',
  'Petrov',
  'Jensen',
  'Oyelaran',
  'Dubois',
  'Yilmaz',
  'Sato',
  'Bergstrom',
  'Ivanova',
  'Costa',
  'Eze',
  'Varga',
  'Nguyen',
  'Larsen',
  'Mwangi',
  'Quispe',
  'Bianchi',
  'Chowdhury',
  'Schneider',
  'Alvarez',
  'Kim',
  'Abara',
  'Fontaine',
  'Horvath',
  'Patel',
  'Osei',
  'Romano',
  'Eriksen',
  'Kaur',
  'Nilsen',
  'Sokolov',
  'Takahashi',
  'Hoffmann',
  'Mbeki',
  'Gallagher',
  'Ramos',
  'Wojcik',
  'Achebe',
  'Dahl',
  'Karimi',
  'Lombardi',
  'Svensson',
  'Mahlangu',
  'Oliveira',
  'Zhang',
  'Murphy',
  'Balogun',
  'Virtanen',
];
const STATUSES = ['online', 'away', 'busy', 'offline', 'offline', 'offline'];
const DOMAINS = ['example.com', 'corp.example', 'mail.example.org'];

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

export type ListedPerson = Record<string, unknown> & { _id: string; username: string; name: string };

/** People shaped like a users.list page after sanitising (what the sync stores). */
export function fakePeople(count: number, seed = 1): ListedPerson[] {
  const random = seededRandom(seed);
  const taken = new Set<string>();
  const people: ListedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    let username = `${first}.${last}`.toLowerCase();
    // Like real directories: the second Maya Okafor becomes maya.okafor7.
    while (taken.has(username)) username = `${first}.${last}${Math.floor(random() * 1000)}`.toLowerCase();
    taken.add(username);
    const status = pick(random, STATUSES);
    const person: ListedPerson = {
      _id: `p${i.toString(36).padStart(6, '0')}${Math.floor(random() * 1e9).toString(36)}`,
      username,
      name: `${first} ${last}`,
      status,
      active: random() > 0.02,
      type: 'user',
      nameInsensitive: `${first} ${last}`.toLowerCase(),
      emails: [{ address: `${username}@${pick(random, DOMAINS)}`, verified: true }],
    };
    if (random() < 0.3) person.nickname = first.toLowerCase();
    people.push(person);
  }
  return people;
}
