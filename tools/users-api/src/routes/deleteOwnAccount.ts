// users.deleteOwnAccount (apps/meteor/server/api/v1/users.ts; the work in
// apps/meteor/server/meteor-methods/users/deleteUserOwnAccount.ts and
// apps/meteor/server/lib/users/deleteUser.ts). Not twoFactorRequired: the body's `password`
// is the proof — the SHA-256 hex of the password, or of the username for an account without one.
import { bcryptOf, checkDigest } from '../auth/password';
import { asRecord } from '../http/body';
import { plain, thrown } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { sha256Hex } from '../ids';
import type { App } from '../app';
import type { UserDoc } from '../state/types';

interface OwnedRoom {
  rid: string;
  shouldChangeOwner: boolean;
  shouldBeRemoved: boolean;
  newOwner: string | null;
}

/**
 * What deleting the user does to each room they are subscribed to, direct messages aside
 * (apps/meteor/server/lib/rooms/getRoomsWithSingleOwner.ts): the sole owner's room passes to
 * the first other active member, or goes when there is none and it is not public; a non-public
 * room whose only member they are goes too.
 */
function roomsOf(app: App, user: UserDoc): OwnedRoom[] {
  return app.store
    .subscriptionsOf(user._id)
    .filter((sub) => sub.t !== 'd')
    .map((sub) => {
      const room: OwnedRoom = { rid: sub.rid, shouldChangeOwner: false, shouldBeRemoved: false, newOwner: null };
      const members = app.store.subscriptionsTo(sub.rid);
      if (sub.roles?.includes('owner')) {
        if (members.filter((m) => m.roles?.includes('owner')).length !== 1) return room;
        const heir = members.find((m) => m.userId !== user._id && app.store.byId(m.userId)?.active);
        room.newOwner = heir?.userId ?? null;
        room.shouldChangeOwner = heir !== undefined;
        room.shouldBeRemoved = heir === undefined && sub.t !== 'c';
      } else if (sub.t !== 'c') {
        room.shouldBeRemoved = members.length === 1;
      }
      return room;
    });
}

/** The `details` of `user-last-owner`: room names, `fname` first (apps/meteor/server/lib/users/getUserSingleOwnedRooms.ts). */
function singleOwnedRooms(app: App, rooms: OwnedRoom[]): { shouldBeRemoved: string[]; shouldChangeOwner: string[] } {
  const nameOf = (rid: string) => {
    const room = app.store.rooms.get(rid);
    return room?.fname || room?.name || rid;
  };
  return {
    shouldBeRemoved: rooms.filter((r) => r.shouldBeRemoved).map((r) => nameOf(r.rid)),
    shouldChangeOwner: rooms.filter((r) => r.shouldChangeOwner).map((r) => nameOf(r.rid)),
  };
}

async function deleteOwnAccount(app: App, user: UserDoc, password: string, confirmRelinquish: boolean): Promise<void> {
  const method = { method: 'deleteUserOwnAccount' };
  if (bcryptOf(user)) {
    if (!(await checkDigest(bcryptOf(user), password))) throw thrown('error-invalid-password', 'Invalid password', method);
  } else if (!user.username || sha256Hex(user.username) !== password.trim()) {
    throw thrown('error-invalid-username', 'Invalid username', method);
  }
  const rooms = roomsOf(app, user);
  if (rooms.some((r) => r.shouldBeRemoved || r.shouldChangeOwner) && !confirmRelinquish) {
    throw thrown('user-last-owner', '', singleOwnedRooms(app, rooms));
  }
  for (const room of rooms) {
    if (room.shouldBeRemoved) app.store.removeRoom(room.rid);
    if (room.shouldChangeOwner && room.newOwner) {
      const heir = app.store.subscriptionsTo(room.rid).find((m) => m.userId === room.newOwner);
      if (heir) heir.roles = [...new Set([...(heir.roles ?? []), 'owner'])];
    }
  }
  app.store.removeUser(user._id);
}

export const deleteOwnAccountRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.deleteOwnAccount',
    auth: 'required',
    handler: async (ctx) => {
      const body = asRecord(ctx.body);
      // 7.x's handler wants a password itself; 8.x's closed body schema wants a string, of any length (routeParams.ts).
      if (ctx.app.compat === 7 && !body.password) throw plain('Body parameter "password" is required.');
      if (!ctx.app.settings.Accounts_AllowDeleteOwnAccount) throw thrown('error-not-allowed', 'Not allowed');
      await deleteOwnAccount(ctx.app, caller(ctx), String(body.password), body.confirmRelinquish === true);
      return ok();
    },
  },
];
