import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

/** Larger than any avatar a server makes; a bigger reply is refused rather than cached. */
export const maxAvatarBytes = 2 * 1024 * 1024;

export type AvatarReply = { changed: false } | { changed: true; contentType: string; bytes: Buffer; lastModified: string | null };

/**
 * GET /avatar/<username> (docs/protocol.md §6): no ETag header, so freshness is asked with
 * If-Modified-Since and a 304 means "keep yours". The session goes along as the rc_uid /
 * rc_token cookies for servers that block anonymous avatar access.
 */
export async function fetchAvatar(
  client: UsersApiClient,
  auth: Credentials,
  username: string,
  ifModifiedSince: string | null,
): Promise<AvatarReply> {
  const reply = await client.fetchBinary({
    path: `/avatar/${encodeURIComponent(username)}`,
    maxBytes: maxAvatarBytes,
    headers: {
      Cookie: `rc_uid=${encodeURIComponent(auth.userId)}; rc_token=${encodeURIComponent(auth.token)}`,
      ...(ifModifiedSince ? { 'If-Modified-Since': ifModifiedSince } : {}),
    },
  });
  if (reply.status === 304) return { changed: false };
  const contentType = (reply.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!/^image\/(png|jpeg|gif|webp|svg\+xml)$/.test(contentType)) {
    throw new ApiFailure('server-error', 'The server sent an avatar that is not an image.');
  }
  if (reply.bytes.length === 0) {
    throw new ApiFailure('server-error', 'The server sent an empty avatar image.');
  }
  return { changed: true, contentType, bytes: reply.bytes, lastModified: reply.headers.get('last-modified') };
}
