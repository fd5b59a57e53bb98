import * as z from 'zod';
import { textLimits } from './limits';

const accountId = z.lazy(() => z.string().min(1).max(200));
const secret = z.lazy(() => z.string().max(textLimits.secret));

/**
 * What confirms a sensitive change, by the account's second factor: the current password
 * (password method) or a code (authenticator app, backup code, or emailed code).
 * Used once, never stored, never logged.
 */
export const proofSchema = z.lazy(() =>
  z
    .object({
      currentPassword: secret.optional(),
      code: secret.optional(),
      /** The method the server itself asked for, when it differed from what the app expected. */
      method: z.enum(['totp', 'email', 'password']).optional(),
    })
    .strict(),
);

export const twoFactorStateSchema = z.lazy(() => z.enum(['totp', 'email', 'password', 'none']));

export const securityViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** False when the server cannot be reached or the session ended: every action is off, with `reason`. */
    available: z.boolean(),
    reason: z.string().nullable(),
    /** What confirms a password or email change on this account now. */
    method: twoFactorStateSchema,
    /** What confirms setting up an authenticator app (the server asks less there: docs/protocol.md §5). */
    setupMethod: twoFactorStateSchema,
    /** Changes this account or workspace does not allow, each with the sentence saying why; absent when offered. */
    blocked: z.object({
      password: z.string().optional(),
      email: z.string().optional(),
      totpSetup: z.string().optional(),
      totpOff: z.string().optional(),
    }),
    /** The authenticator app is set up on the account. */
    totpEnabled: z.boolean(),
    emailTwoFactorEnabled: z.boolean(),
    hasPassword: z.boolean(),
    emails: z.array(z.object({ address: z.string(), verified: z.boolean() })),
    policy: z.array(z.object({ rule: z.string(), params: z.record(z.string(), z.number()).optional() })),
  }),
);
export type SecurityView = z.infer<typeof securityViewSchema>;

export const securityRequestSchema = z.lazy(() => z.object({ accountId }).strict());
export const changePasswordRequestSchema = z.lazy(() => z.object({ accountId, newPassword: secret, proof: proofSchema }).strict());
export const changeEmailRequestSchema = z.lazy(() =>
  z.object({ accountId, email: z.string().trim().max(textLimits.email), proof: proofSchema }).strict(),
);
export const resendConfirmationRequestSchema = z.lazy(() => z.object({ accountId, email: z.string().max(textLimits.email) }).strict());
export const startTotpRequestSchema = z.lazy(() => z.object({ accountId, proof: proofSchema }).strict());
export const confirmTotpRequestSchema = z.lazy(() =>
  z.object({ accountId, code: z.string().max(textLimits.totpCode), proof: proofSchema }).strict(),
);
export const disableTotpRequestSchema = z.lazy(() => z.object({ accountId, code: z.string().max(textLimits.totpCode) }).strict());

export const doneSchema = z.lazy(() => z.object({ message: z.string() }));

/** Asked before a second factor is: whether the server would let an email or password change through now (its rate limit). */
export const changeWaitRequestSchema = z.lazy(() => z.object({ accountId }).strict());
/** `waitSeconds` 0: the change may be made now. Otherwise how long until then, and why, in words. */
export const changeWaitSchema = z.lazy(() => z.object({ waitSeconds: z.number().int().nonnegative(), reason: z.string().nullable() }));
export type ChangeWait = z.infer<typeof changeWaitSchema>;
export const codeSentSchema = z.lazy(() => z.object({ sentTo: z.string().nullable() }));
/** The new authenticator secret, as text and as a QR code (SVG data URL) — shown once. */
export const totpSetupSchema = z.lazy(() => z.object({ secret: z.string(), qrDataUrl: z.string() }));
export const backupCodesSchema = z.lazy(() => z.object({ backupCodes: z.array(z.string()), message: z.string() }));
