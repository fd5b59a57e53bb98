import * as z from 'zod';
import { textLimits } from './limits';

const accountId = z.lazy(() => z.string().min(1).max(200));

/** Whether "Delete my account" is offered for an account, what confirms it, and what would be lost. */
export const accountDeletionViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    /** False when the workspace does not allow it, the server cannot be reached or the session ended: `reason` says which. */
    available: z.boolean(),
    reason: z.string().nullable(),
    /** "Test John (test.john) on Acme Chat": the account the dialog names. */
    accountLabel: z.string(),
    /** What the person types to confirm: their password, or their username when the account has none. */
    confirmWith: z.enum(['password', 'username']),
    /** What goes with the account, in words, unsent edits included. */
    losses: z.array(z.string()),
  }),
);
export type AccountDeletionView = z.infer<typeof accountDeletionViewSchema>;

export const deleteAccountRequestSchema = z.lazy(() =>
  z
    .object({
      accountId,
      /** The password (or username) typed to confirm: hashed before it is sent, never kept. */
      confirmation: z.string().max(textLimits.signInPassword),
      /** Yes to the server's "you are the last owner of rooms": they pass to another member or go. */
      confirmRelinquish: z.boolean(),
    })
    .strict(),
);

/** Deleted (and forgotten on this computer), or the server's last-owner question to answer first. */
export const accountDeletionResultSchema = z.lazy(() =>
  z.discriminatedUnion('deleted', [
    z.object({ deleted: z.literal(true), message: z.string() }),
    z.object({
      deleted: z.literal(false),
      /** The question in words, with the rooms named. */
      message: z.string(),
      shouldChangeOwner: z.array(z.string()),
      shouldBeRemoved: z.array(z.string()),
    }),
  ]),
);
export type AccountDeletionResult = z.infer<typeof accountDeletionResultSchema>;

/** The contract's account-deletion channels (spread into `channels` in contract.ts). */
export const accountDeletionChannels = {
  'privacy.deletion': { request: z.lazy(() => z.object({ accountId }).strict()), response: accountDeletionViewSchema },
  'privacy.deleteAccount': { request: deleteAccountRequestSchema, response: accountDeletionResultSchema },
} as const;
