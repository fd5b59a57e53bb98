import * as z from 'zod';
import { textLimits } from './limits';
import { proofSchema, twoFactorStateSchema } from './securitySchemas';

const accountId = z.lazy(() => z.string().min(1).max(200));
const tokenName = z.lazy(() => z.string().trim().min(1).max(textLimits.accessTokenName));

/** One personal access token as the server lists it: never the token itself, only its last characters. */
export const accessTokenSchema = z.lazy(() =>
  z.object({
    name: z.string(),
    /** ISO date the server created it. */
    createdAt: z.string().nullable(),
    lastTokenPart: z.string(),
    /** Requests signed with it skip the second factor. */
    bypassTwoFactor: z.boolean(),
  }),
);
export type AccessToken = z.infer<typeof accessTokenSchema>;

/** The account's personal access tokens, or why they cannot be shown or changed now. */
export const accessTokensViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** False when the server cannot be reached, the session ended, or the workspace does not allow tokens: `reason` says which. */
    available: z.boolean(),
    reason: z.string().nullable(),
    /** The workspace refuses this account personal access tokens: nothing is offered. */
    notAllowed: z.boolean(),
    /** What confirms creating, regenerating and removing a token on this account. */
    method: twoFactorStateSchema,
    tokens: z.array(accessTokenSchema),
  }),
);
export type AccessTokensView = z.infer<typeof accessTokensViewSchema>;

export const createAccessTokenRequestSchema = z.lazy(() =>
  z.object({ accountId, name: tokenName, bypassTwoFactor: z.boolean(), proof: proofSchema }).strict(),
);
export const accessTokenRequestSchema = z.lazy(() => z.object({ accountId, name: tokenName, proof: proofSchema }).strict());

/** A new token, shown once: the app keeps it nowhere. */
export const newAccessTokenSchema = z.lazy(() => z.object({ name: z.string(), token: z.string(), message: z.string() }));

/** The contract's access-token channels (spread into `channels` in contract.ts). */
export const accessTokenChannels = {
  'security.accessTokens': { request: z.lazy(() => z.object({ accountId }).strict()), response: accessTokensViewSchema },
  'security.createAccessToken': { request: createAccessTokenRequestSchema, response: newAccessTokenSchema },
  'security.regenerateAccessToken': { request: accessTokenRequestSchema, response: newAccessTokenSchema },
  'security.removeAccessToken': { request: accessTokenRequestSchema, response: z.lazy(() => z.object({ message: z.string() })) },
} as const;
