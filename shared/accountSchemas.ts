import * as z from 'zod';
import { revisionSchema } from './revisionSchema';
import { textLimits } from './limits';
import { missingWords } from './requiredFields';

/** Zod schemas of the accounts domain, used by the contract's channels. */

export const twoFactorMethods = ['totp', 'email', 'password'] as const;
export const twoFactorMethodSchema = z.lazy(() => z.enum(twoFactorMethods));
export type TwoFactorMethod = z.infer<typeof twoFactorMethodSchema>;

export const serverSummarySchema = z.lazy(() =>
  z.object({
    id: z.string(),
    url: z.string(),
    name: z.string(),
    version: z.string().nullable(),
    addedAt: z.string(),
  }),
);
export type ServerSummary = z.infer<typeof serverSummarySchema>;

export const accountStates = ['signed-in', 'signed-out', 'session-only'] as const;
export const accountStateSchema = z.lazy(() => z.enum(accountStates));
export type AccountState = z.infer<typeof accountStateSchema>;

/** How an account signed in: it decides what signing out does (an access token is never revoked). */
export const signInKinds = ['password', 'single-sign-on', 'access-token'] as const;
export type SignInKind = (typeof signInKinds)[number];

export const accountSummarySchema = z.lazy(() =>
  z.object({
    id: z.string(),
    serverId: z.string(),
    serverUrl: z.string(),
    serverName: z.string(),
    userId: z.string(),
    username: z.string(),
    displayName: z.string().nullable(),
    state: accountStateSchema,
    signedInWith: z.enum(signInKinds),
    active: z.boolean(),
  }),
);
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const accountListSchema = z.lazy(() =>
  z.object({
    accounts: z.array(accountSummarySchema),
    activeAccountId: z.string().nullable(),
    /** The last `accounts.changed` this list includes. */
    revision: revisionSchema,
  }),
);
export type AccountList = z.infer<typeof accountListSchema>;

const id = z.lazy(() => z.string().min(1).max(200));

export const addServerRequestSchema = z.lazy(() =>
  z.object({ url: z.string().trim().min(1, missingWords.serverAddress).max(textLimits.serverAddress) }).strict(),
);

export const signInRequestSchema = z.lazy(() =>
  z
    .object({
      serverId: id,
      /** Username or email address. */
      user: z.string().trim().min(1, missingWords.signInUser).max(textLimits.signInUser),
      password: z.string().min(1, missingWords.signInPassword).max(textLimits.signInPassword),
      /** The person agreed to a session that is not remembered (keychain unavailable). */
      sessionOnly: z.boolean().optional(),
    })
    .strict(),
);

export const twoFactorAnswerRequestSchema = z.lazy(() =>
  z
    .object({
      challengeId: id,
      code: z.string().trim().min(1, missingWords.signInCode).max(textLimits.signInCode),
    })
    .strict(),
);

export const challengeRequestSchema = z.lazy(() => z.object({ challengeId: id }).strict());
export const accountRequestSchema = z.lazy(() => z.object({ accountId: id }).strict());

export const emailCodeSentSchema = z.lazy(() => z.object({ sent: z.literal(true) }));
