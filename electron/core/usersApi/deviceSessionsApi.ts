import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

/** A sign-out is never retried: the first may have ended the session already. */
const once = { retry: false } as const;

const sessionSchema = z.lazy(() =>
  z.looseObject({
    sessionId: z.string().min(1),
    ip: z.string().nullish(),
    loginAt: z.string().nullish(),
    device: z
      .looseObject({
        type: z.string().nullish(),
        name: z.string().nullish(),
        longVersion: z.string().nullish(),
        os: z.looseObject({ name: z.string().nullish(), version: z.string().nullish() }).nullish(),
      })
      .nullish(),
  }),
);

const listReply = z.lazy(() => z.looseObject({ sessions: z.array(sessionSchema), total: z.number().nullish() }));

export interface ServerDeviceSession {
  sessionId: string;
  ip: string;
  /** When that device last signed in (Rocket.Chat's `loginAt`; a resume login renews it). */
  loginAt: string | null;
  /** Rocket.Chat's reading of the device's User-Agent; empty strings where it recognised nothing. */
  deviceType: string;
  client: string;
  clientVersion: string;
  os: string;
  osVersion: string;
}

/**
 * sessions/list (docs/protocol.md §2 "Device sessions"): this account's sessions, newest sign-in
 * first. One page of up to 100 is all the screen shows; `total` says whether there are more.
 */
export async function listDeviceSessions(
  client: UsersApiClient,
  auth: Credentials,
): Promise<{ sessions: ServerDeviceSession[]; total: number }> {
  const reply = listReply.safeParse(await client.request({ path: '/api/v1/sessions/list', query: { count: '100' }, auth }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent a list of sessions the app cannot read.');
  const sessions = reply.data.sessions.map((s) => ({
    sessionId: s.sessionId,
    ip: s.ip ?? '',
    loginAt: s.loginAt ?? null,
    deviceType: s.device?.type ?? '',
    client: s.device?.name ?? '',
    clientVersion: s.device?.longVersion ?? '',
    os: s.device?.os?.name ?? '',
    osVersion: s.device?.os?.version ?? '',
  }));
  return { sessions, total: reply.data.total ?? sessions.length };
}

/** sessions/logout.me: ends one of this account's sessions; its token stops working at once. */
export async function signOutDeviceSession(client: UsersApiClient, auth: Credentials, sessionId: string): Promise<void> {
  await client.request({ ...once, method: 'POST', path: '/api/v1/sessions/logout.me', auth, body: { sessionId } });
}
