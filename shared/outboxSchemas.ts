import { z } from 'zod';
import { maxAvatarUploadBytes } from './limits';
import { isEditField, statusTypes } from './profileEdits';
import { revisionSchema } from './revisionSchema';

const accountId = z.string().min(1).max(200);
/** Structure only; the rules in plain words (profileEdits.ts) are applied by the core. */
const text = z.string().max(2000);

export const profileEditRequestSchema = z
  .object({
    accountId,
    changes: z
      .object({
        name: text.optional(),
        username: text.optional(),
        nickname: text.optional(),
        bio: text.optional(),
        statusText: text.optional(),
        statusType: z.enum(statusTypes).optional(),
        customFields: z
          .record(
            z
              .string()
              .min(1)
              .max(64)
              .regex(/^[^.\s]+$/),
            text,
          )
          .optional(),
      })
      .strict(),
  })
  .strict();
export type ProfileEditRequest = z.input<typeof profileEditRequestSchema>;

export const statusRequestSchema = z.object({ accountId, status: z.enum(statusTypes), text: z.string().max(2000) }).strict();

export const outboxItemSchema = z.object({
  id: z.number().int(),
  field: z.string().refine(isEditField),
  value: z.string(),
  base: z.string(),
  /** With `conflict`: what the server has now. */
  theirs: z.string().nullable(),
  /**
   * `pending`: saved here, waiting to be sent; `waiting`: the server asked to slow down
   * (see notBefore); `sending`; `conflict`: changed on the server too, the person decides;
   * `failed`: the server refused it (error says why).
   */
  state: z.enum(['pending', 'waiting', 'sending', 'conflict', 'failed']),
  notBefore: z.string().nullable(),
  error: z.string().nullable(),
  updatedAt: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const historyEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  changes: z.record(z.string(), z.string()),
  outcome: z.enum(['saved', 'failed', 'kept-mine', 'took-theirs', 'discarded', 'already-there']),
  detail: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const outboxViewSchema = z.object({
  accountId: z.string(),
  items: z.array(outboxItemSchema),
  history: z.array(historyEntrySchema),
  /** The last `sync.changed` of this account this view includes. */
  revision: revisionSchema,
});
export type OutboxView = z.infer<typeof outboxViewSchema>;

export const outboxItemRequestSchema = z.object({ accountId, itemId: z.number().int().positive() }).strict();
export const resolveConflictRequestSchema = z
  .object({ accountId, itemId: z.number().int().positive(), keep: z.enum(['mine', 'theirs']) })
  .strict();

/** An avatar image as base64; the core checks type and size again before upload. */
export const avatarUploadRequestSchema = z
  .object({
    accountId,
    contentType: z.string().max(100),
    /** ≤ 1 MiB of image once decoded. */
    base64: z.string().max(Math.ceil((maxAvatarUploadBytes * 4) / 3) + 4),
  })
  .strict();
