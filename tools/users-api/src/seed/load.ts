// Seed file → in-memory state. Seed users count as created long ago (their
// createdAt comes from the customer's examples), so no "new account" grace applies.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { App } from '../app';
import { seedSession } from '../auth/deviceSessions';
import { hashSeedPassword } from '../auth/password';
import { defaultPermissions } from '../auth/permissions';
import { hashLoginToken, sha256Hex } from '../ids';
import { defaultSettings } from '../state/settings';
import type { Settings } from '../state/settings';
import type { LoginToken, Room, UserDoc } from '../state/types';
import { generatePerson } from './people';
import type { SeedData, SeedUser } from './types';

export const DEMO_SEED_PATH = fileURLToPath(new URL('../../seed/demo.json', import.meta.url));

export async function readSeed(source: SeedData | string | undefined): Promise<SeedData> {
  if (source !== undefined && typeof source !== 'string') return structuredClone(source);
  const path = source ?? DEMO_SEED_PATH;
  const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as SeedData).users)) {
    throw new Error(`seed ${path}: expected an object with a "users" array`);
  }
  return parsed as SeedData;
}

const DATE_FIELDS = new Set(['createdAt', '_updatedAt', 'lastLogin', 'statusExpiresAt']);
const SPECIAL = new Set(['password', 'totp', 'email2fa', 'avatar', 'subscriptions', 'tokens', 'services', 'ldap', 'crowd']);
const LONG_AGO = '2023-01-01T00:00:00.000Z';

async function toUserDoc(app: App, seed: SeedUser): Promise<UserDoc> {
  if (typeof seed._id !== 'string' || seed._id === '') throw new Error('seed user without _id');
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(seed)) {
    if (SPECIAL.has(key)) continue;
    doc[key] = DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : structuredClone(value);
  }
  const user = doc as unknown as UserDoc;
  user.createdAt ??= new Date(LONG_AGO);
  user._updatedAt ??= user.createdAt;
  user.type ??= 'user';
  user.active ??= true;
  user.roles ??= ['user'];
  user.services = { ...structuredClone(seed.services ?? {}), resume: { loginTokens: [] } };
  if (seed.password !== undefined) user.services.password = { bcrypt: await hashSeedPassword(seed.password, app.bcryptRounds) };
  if (seed.totp) {
    user.services.totp = { enabled: true, secret: seed.totp.secret, hashedBackup: (seed.totp.backupCodes ?? []).map((c) => sha256Hex(c)) };
  }
  if (seed.email2fa !== undefined) user.services.email2fa = { enabled: seed.email2fa, changedAt: user.createdAt };
  for (const t of seed.tokens ?? []) {
    const issued = t.when ? new Date(t.when) : app.clock.date();
    const token: LoginToken =
      t.type === 'personalAccessToken'
        ? {
            hashedToken: hashLoginToken(t.token),
            type: t.type,
            name: t.name ?? 'seed',
            createdAt: issued,
            lastTokenPart: t.token.slice(-6),
            bypassTwoFactor: t.bypassTwoFactor === true,
          }
        : { hashedToken: hashLoginToken(t.token), when: issued, ...(t.name && { name: t.name }) };
    user.services.resume?.loginTokens.push(token);
    if (t.session && token.type === undefined) seedSession(token, t.session, issued);
  }
  addDirectoryEntries(app, seed, user);
  if (seed.avatar) {
    app.store.avatars.set(user._id, {
      contentType: seed.avatar.contentType,
      data: Buffer.from(seed.avatar.base64, 'base64'),
      uploadedAt: new Date(seed.avatar.uploadedAt ?? user.createdAt.toISOString()),
    });
  }
  return user;
}

/** LDAP users carry ldap:true and services.ldap (Rocket.Chat's unique id: the hex of the uid); Crowd users crowd_username. */
function addDirectoryEntries(app: App, seed: SeedUser, user: UserDoc): void {
  if (seed.ldap) {
    const uid = seed.ldap.uid ?? user.username ?? user._id;
    user.ldap = true;
    user.services.ldap = { id: Buffer.from(uid, 'utf8').toString('hex'), idAttribute: 'uid' };
    app.directories.addLdap({ uid, password: seed.ldap.password, userId: user._id });
  }
  if (seed.crowd) {
    const name = seed.crowd.username ?? user.username ?? user._id;
    user.crowd = true;
    user.crowd_username = name;
    app.directories.addCrowd({
      name,
      password: seed.crowd.password,
      active: seed.crowd.active ?? true,
      ...(user.name && { displayName: user.name }),
      ...(user.emails?.[0] && { email: user.emails[0].address }),
    });
  }
}

function subscriptionName(room: Room | undefined, owner: SeedUser, explicit: string | undefined): string {
  if (explicit) return explicit;
  if (room?.t === 'd') return room.usernames?.find((u) => u !== owner.username) ?? owner.username ?? '';
  return room?.name ?? '';
}

export interface LoadOptions {
  extraPeople: number;
  settings?: Partial<Settings>;
}

/** Replaces the App's state with the seed's. */
export async function loadSeed(app: App, seed: SeedData, options: LoadOptions): Promise<void> {
  app.settings = { ...defaultSettings(), ...seed.settings, ...options.settings };
  app.permissions = { ...defaultPermissions(), ...seed.permissions };
  app.loginServices = structuredClone(seed.loginServices ?? []);
  for (const room of seed.rooms ?? []) app.store.rooms.set(room._id, structuredClone(room));
  for (const seedUser of seed.users) {
    const user = await toUserDoc(app, seedUser);
    if (app.store.byId(user._id)) throw new Error(`seed: duplicate user _id ${user._id}`);
    app.store.insertUser(user);
    for (const sub of seedUser.subscriptions ?? []) {
      const room = app.store.rooms.get(sub.rid);
      app.store.addSubscription({
        _id: sub._id,
        rid: sub.rid,
        userId: user._id,
        name: subscriptionName(room, seedUser, sub.name),
        t: room?.t ?? 'c',
        unread: sub.unread ?? 0,
        ...(sub.roles && { roles: [...sub.roles] }),
        ...(room?.federated && { federated: true }),
      });
    }
  }
  const people = seed.people;
  const count = (people?.count ?? 0) + options.extraPeople;
  if (count > 0) {
    const hash = await hashSeedPassword(people?.password ?? 'people-pass-1', app.bcryptRounds);
    for (let i = 0; i < count; i++) {
      const person = generatePerson(i, people?.seed ?? 1, hash);
      // Never shadow a hand-written account.
      if (app.store.byId(person._id) || app.store.byUsernameInsensitive(person.username ?? '')) continue;
      app.store.insertUser(person);
    }
  }
}
