// In-memory state: users (with lookup indexes, since `--people 50000` must stay
// fast), rooms, subscriptions, uploaded avatars. Everything resets on restart.
import type { Clock } from '../clock';
import type { Room, StoredAvatar, Subscription, UserDoc } from './types';

export class Store {
  readonly users = new Map<string, UserDoc>();
  readonly rooms = new Map<string, Room>();
  readonly avatars = new Map<string, StoredAvatar>();
  private readonly subsByUser = new Map<string, Subscription[]>();
  private readonly byUsername = new Map<string, string>();
  private readonly byEmail = new Map<string, string>();
  private readonly byTokenHash = new Map<string, string>();
  private readonly indexedKeys = new Map<string, { username?: string; emails: string[]; tokens: string[] }>();

  constructor(private readonly clock: Clock) {}

  insertUser(user: UserDoc): void {
    this.users.set(user._id, user);
    this.reindex(user);
  }

  /** Call after any mutation: bumps `_updatedAt` and refreshes the indexes. */
  touch(user: UserDoc): void {
    // Strictly increasing, so two edits in the same millisecond still look like two edits.
    const now = this.clock.now();
    user._updatedAt = new Date(Math.max(now, user._updatedAt.getTime() + 1));
    this.reindex(user);
  }

  /** Refreshes the indexes without bumping `_updatedAt` (token bookkeeping only). */
  reindex(user: UserDoc): void {
    const old = this.indexedKeys.get(user._id);
    if (old) {
      if (old.username !== undefined && this.byUsername.get(old.username) === user._id) this.byUsername.delete(old.username);
      for (const e of old.emails) if (this.byEmail.get(e) === user._id) this.byEmail.delete(e);
      for (const t of old.tokens) if (this.byTokenHash.get(t) === user._id) this.byTokenHash.delete(t);
    }
    const keys = {
      username: user.username?.toLowerCase(),
      emails: (user.emails ?? []).map((e) => e.address.toLowerCase()),
      tokens: (user.services.resume?.loginTokens ?? []).map((t) => t.hashedToken),
    };
    if (keys.username !== undefined) this.byUsername.set(keys.username, user._id);
    for (const e of keys.emails) this.byEmail.set(e, user._id);
    for (const t of keys.tokens) this.byTokenHash.set(t, user._id);
    this.indexedKeys.set(user._id, keys);
  }

  byId(id: string): UserDoc | undefined {
    return this.users.get(id);
  }

  /** Case-insensitive, as Rocket.Chat's `findOneByUsernameIgnoringCase`. */
  byUsernameInsensitive(username: string): UserDoc | undefined {
    const id = this.byUsername.get(username.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Exact-case username match (users.info `username`, §3). */
  byUsernameExact(username: string): UserDoc | undefined {
    const user = this.byUsernameInsensitive(username);
    return user?.username === username ? user : undefined;
  }

  byEmailInsensitive(address: string): UserDoc | undefined {
    const id = this.byEmail.get(address.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  byHashedToken(hashedToken: string): UserDoc | undefined {
    const id = this.byTokenHash.get(hashedToken);
    return id === undefined ? undefined : this.users.get(id);
  }

  allUsers(): UserDoc[] {
    return [...this.users.values()];
  }

  addSubscription(sub: Subscription): void {
    const list = this.subsByUser.get(sub.userId) ?? [];
    list.push(sub);
    this.subsByUser.set(sub.userId, list);
  }

  subscriptionsOf(userId: string): Subscription[] {
    return this.subsByUser.get(userId) ?? [];
  }

  /** Every subscription to a room, in the order they were added (Rocket.Chat sorts by `ts`). */
  subscriptionsTo(rid: string): Subscription[] {
    return [...this.subsByUser.values()].flat().filter((sub) => sub.rid === rid);
  }

  /** A room and everyone's subscription to it. */
  removeRoom(rid: string): void {
    this.rooms.delete(rid);
    for (const [userId, subs] of this.subsByUser)
      this.subsByUser.set(
        userId,
        subs.filter((sub) => sub.rid !== rid),
      );
  }

  /** A user, their subscriptions, avatar and every index entry (users.deleteOwnAccount). */
  removeUser(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    this.users.delete(userId);
    this.subsByUser.delete(userId);
    // Their direct conversations go with them (apps/meteor/server/lib/users/deleteUser.ts, removeDirectRoomContainingUsername).
    for (const room of [...this.rooms.values()]) {
      if (room.t === 'd' && user.username !== undefined && room.usernames?.includes(user.username)) this.removeRoom(room._id);
    }
    this.avatars.delete(userId);
    const keys = this.indexedKeys.get(userId);
    if (keys?.username !== undefined) this.byUsername.delete(keys.username);
    for (const e of keys?.emails ?? []) this.byEmail.delete(e);
    for (const t of keys?.tokens ?? []) this.byTokenHash.delete(t);
    this.indexedKeys.delete(userId);
  }

  /** Names of teams count as taken usernames (§4 step 5). */
  isTeamName(name: string): boolean {
    const lower = name.toLowerCase();
    for (const room of this.rooms.values()) {
      if (room.teamMain && room.name?.toLowerCase() === lower) return true;
    }
    return false;
  }

  /** A rename shows up in other people's direct-message subscriptions. */
  renameInDirectMessages(oldUsername: string, newUsername: string): void {
    for (const subs of this.subsByUser.values()) {
      for (const sub of subs) if (sub.t === 'd' && sub.name === oldUsername) sub.name = newUsername;
    }
    for (const room of this.rooms.values()) {
      if (room.t === 'd' && room.usernames) room.usernames = room.usernames.map((u) => (u === oldUsername ? newUsername : u));
    }
  }
}
