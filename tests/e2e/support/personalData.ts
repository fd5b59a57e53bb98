import fs from 'node:fs';
import path from 'node:path';
import { generatePerson } from '../../../tools/users-api/src/seed/people';

interface SeedUser {
  name?: string;
  bio?: string;
  emails?: { address: string }[];
}

let found: string[] | null = null;

/**
 * Every name, bio and email address the reference server's seed holds — its users and its
 * generated directory — for the byte scan of the data folder. Only strings of 8 characters or
 * more: a shorter one turns up by chance in a megabyte of ciphertext.
 */
export function personalData(): string[] {
  if (found) return found;
  const seed = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../tools/users-api/seed/demo.json'), 'utf8')) as {
    users: SeedUser[];
    people: { count: number; seed: number };
  };
  const people = Array.from({ length: seed.people.count }, (_, index) => generatePerson(index, seed.people.seed, '') as SeedUser);
  const texts = [...seed.users, ...people].flatMap((user) => [
    user.name ?? '',
    user.bio ?? '',
    ...(user.emails ?? []).map((e) => e.address),
  ]);
  found = [...new Set(texts)].filter((text) => text.length >= 8);
  return found;
}
