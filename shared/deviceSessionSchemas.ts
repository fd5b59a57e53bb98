import * as z from 'zod';

const accountId = z.lazy(() => z.string().min(1).max(200));

/** One signed-in device of the account, in words the screen shows as they are. */
export const deviceSessionSchema = z.lazy(() =>
  z.object({
    sessionId: z.string(),
    /** "iPhone (iOS 18.1)", "Windows 10.0 computer", or "Unknown device". */
    device: z.string(),
    /** The browser or app: "Firefox 133.0"; empty when the server could not tell. */
    client: z.string(),
    ip: z.string(),
    /** When that device last signed in (ISO), for the screen to say "2 hours ago". */
    lastSignIn: z.string().nullable(),
    /** This app's own session on this computer: not offered for signing out here (D96). */
    thisComputer: z.boolean(),
  }),
);
export type DeviceSession = z.infer<typeof deviceSessionSchema>;

/**
 * The account's devices where the server lists them (an enterprise feature); `listed: false`
 * means it does not, and the screen keeps "Sign out other devices" alone.
 */
export const deviceSessionsViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** Who this is about, for the screen to name: "demouser on Demo server". */
    accountLabel: z.string(),
    listed: z.boolean(),
    /** Why there is no list now (signed out, server away), in words; null when listed or not offered. */
    reason: z.string().nullable(),
    sessions: z.array(deviceSessionSchema),
    /** How many the server has; more than `sessions` when it has over a hundred. */
    total: z.number(),
  }),
);
export type DeviceSessionsView = z.infer<typeof deviceSessionsViewSchema>;

/** Signing one device out: what happened in words; `signedOutHere` when it was this computer's own session after all. */
export const signOutSessionAnswerSchema = z.lazy(() => z.object({ message: z.string(), signedOutHere: z.boolean() }));
export type SignOutSessionAnswer = z.infer<typeof signOutSessionAnswerSchema>;

/** The account's signed-in devices (sessions/list) and signing one out (sessions/logout.me). */
export const deviceSessionChannels = {
  'security.deviceSessions': { request: z.lazy(() => z.object({ accountId }).strict()), response: deviceSessionsViewSchema },
  'security.signOutSession': {
    request: z.lazy(() => z.object({ accountId, sessionId: z.string().min(1).max(200) }).strict()),
    response: signOutSessionAnswerSchema,
  },
} as const;
