import * as z from 'zod';
import { passwordDigest } from './authApi';
import type { Credentials, UsersApiClient } from './usersApiClient';

/**
 * `POST users.deleteOwnAccount` (docs/protocol.md §6 "Deleting one's own account"): the proof is
 * the body's `password`, the SHA-256 hex of what the person typed — their password, or their
 * username when the account has none. Never retried: a second try after an answer lost on the
 * way would meet an account that is gone.
 */
export async function deleteOwnAccount(
  client: UsersApiClient,
  auth: Credentials,
  typed: string,
  confirmRelinquish: boolean,
): Promise<void> {
  await client.request({
    retry: false,
    path: '/api/v1/users.deleteOwnAccount',
    auth,
    body: { password: passwordDigest(typed), ...(confirmRelinquish && { confirmRelinquish: true }) },
  });
}

const roomNames = z.lazy(() => z.array(z.string()).catch([]));

/** The rooms a `user-last-owner` answer names: those that would pass to another member, and those that would go. */
export const lastOwnerDetails = z.lazy(() =>
  z
    .looseObject({ shouldChangeOwner: roomNames.default([]), shouldBeRemoved: roomNames.default([]) })
    .catch({ shouldChangeOwner: [], shouldBeRemoved: [] }),
);
