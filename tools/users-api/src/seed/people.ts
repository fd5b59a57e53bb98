// Deterministic generated people (`people` in the seed, `--people <n>`): the
// same index always yields the same person, so a 50 000-entry directory can be
// served for benchmarks and every run sees the same data.
import { createHash } from 'node:crypto';
import type { UserDoc } from '../state/types';

const FIRST = [
  'Ada',
  'Bola',
  'Carlos',
  'Dana',
  'Emeka',
  'Fatima',
  'Gustav',
  'Hana',
  'Ibrahim',
  'Jun',
  'Kemi',
  'Lars',
  'Maya',
  'Nikolai',
  'Olga',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tunde',
  'Uma',
  'Victor',
  'Wanjiru',
  'Xavier',
  'Yara',
  'Zeynep',
  'Amara',
  'Bruno',
  'Chen',
  'Dmitri',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
];
const LAST = [
  'Adeyemi',
  'Bergstrom',
  'Costa',
  'Dubois',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Mensah',
  'Novak',
  'Okafor',
  'Petrov',
  'Quispe',
  'Rossi',
  'Sato',
  'Tanaka',
  'Uddin',
  'Varga',
  'Wong',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Abara',
  'Bianchi',
  'Castillo',
  'Dahl',
  'Eriksen',
  'Fontaine',
];
const STATUSES = ['online', 'away', 'busy', 'offline', 'offline', 'offline'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Support', 'Marketing', 'Finance'];
const OFFSETS = [-5, 0, 1, 2, 3, 5.5, 8, 9];
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const BASE_TIME = Date.parse('2022-01-03T09:00:00.000Z');

function bytesFor(seed: number, index: number): Buffer {
  return createHash('sha256').update(`people:${seed}:${index}`).digest();
}

export function generatePerson(index: number, seed: number, passwordHash: string): UserDoc {
  const bytes = bytesFor(seed, index);
  const byte = (i: number): number => bytes[i % bytes.length] ?? 0;
  const first = FIRST[index % FIRST.length] ?? 'Ada';
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Adeyemi';
  const round = Math.floor(index / (FIRST.length * LAST.length));
  const suffix = round > 0 ? String(round + 1) : '';
  const username = `${first}.${last}${suffix}`.toLowerCase();
  const createdAt = new Date(BASE_TIME + index * 37 * 60_000);
  const status = STATUSES[byte(1) % STATUSES.length] ?? 'offline';
  const user: UserDoc = {
    _id: Array.from({ length: 17 }, (_, i) => ID_ALPHABET[byte(i + 2) % ID_ALPHABET.length]).join(''),
    createdAt,
    _updatedAt: createdAt,
    type: 'user',
    active: byte(20) % 50 !== 0,
    roles: ['user'],
    username,
    name: `${first} ${last}${suffix ? ` ${suffix}` : ''}`,
    emails: [{ address: `${username}@people.example.com`, verified: true }],
    status,
    statusDefault: status,
    statusConnection: status === 'offline' ? 'offline' : 'online',
    utcOffset: OFFSETS[byte(21) % OFFSETS.length] ?? 0,
    customFields: { department: DEPARTMENTS[byte(22) % DEPARTMENTS.length] ?? 'Engineering' },
    services: { password: { bcrypt: passwordHash }, resume: { loginTokens: [] } },
  };
  if (byte(23) % 3 === 0) user.nickname = first.toLowerCase();
  if (byte(24) % 4 === 0) user.bio = `${first} works in ${user.customFields?.department as string}.`;
  return user;
}
