import * as z from 'zod';
import { textLimits } from './limits';
import { proofSchema, twoFactorStateSchema } from './securitySchemas';

const accountId = z.lazy(() => z.string().min(1).max(200));

/**
 * Emailed codes and backup codes of one account, as the server last told them (online only,
 * never cached). Every "why not" is a sentence for the person; absent when the change is offered.
 */
export const twoFactorSettingsSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** Who this is about, for the screen to name: "demouser on Demo server". */
    accountLabel: z.string(),
    /** False when the server cannot be reached or the session ended: every action is off, with `reason`. */
    available: z.boolean(),
    reason: z.string().nullable(),
    emailCodes: z.object({
      /** Emailed codes are switched on for this account (whether or not the workspace counts them). */
      on: z.boolean(),
      /** Why they cannot be turned on here: the workspace setting, an unverified address. */
      turnOnBlocked: z.string().optional(),
      /** What confirms turning them off (the route asks for a second factor: docs/protocol.md §5). */
      offMethod: twoFactorStateSchema,
      /** Why they cannot be turned off here (the server would ask for a proof this account cannot give). */
      turnOffBlocked: z.string().optional(),
    }),
    /** Null without an authenticator app: backup codes belong to it. */
    backupCodes: z
      .object({
        /** Null when the server did not say (before 8.8, or the question failed); `problem` says why. */
        remaining: z.number().int().nonnegative().nullable(),
        /** A sentence when few are left (the core decides how few), else null. */
        warning: z.string().nullable(),
        problem: z.string().nullable(),
        /** Why new ones cannot be made here (a release without the route). */
        regenerateBlocked: z.string().optional(),
      })
      .nullable(),
  }),
);
export type TwoFactorSettings = z.infer<typeof twoFactorSettingsSchema>;

export const disableEmailCodesRequestSchema = z.lazy(() => z.object({ accountId, proof: proofSchema }).strict());
export const regenerateBackupCodesRequestSchema = z.lazy(() => z.object({ accountId, code: z.string().max(textLimits.totpCode) }).strict());
