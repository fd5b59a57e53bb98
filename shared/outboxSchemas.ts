import * as z from 'zod';
import { maxAvatarUploadBytes, textLimits } from './limits';
import { isOutboxField } from './outboxFields';
import { customFieldKeyPattern, fieldLimits, statusTypes, type EditChanges } from './profileEdits';
import { revisionSchema } from './revisionSchema';

const accountId = z.lazy(() => z.string().min(1).max(200));
/** Structure only; the rules in plain words (profileEdits.ts) are applied by the core. */
const text = z.lazy(() => z.string().max(textLimits.profileText));

/**
 * Custom fields by key. Checked by hand rather than with z.record, which drops a
 * `__proto__` key without a word: every key is ordinary data here, kept or refused aloud.
 */
const checkedCustomFields = z.lazy(() =>
  z.unknown().transform((value, context): Record<string, string> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      context.addIssue({ code: 'custom', message: 'Custom fields must be a set of names and values.' });
      return z.NEVER;
    }
    const entries = Object.entries(value);
    if (entries.length > fieldLimits.customFieldsPerEdit) {
      context.addIssue({ code: 'custom', message: `At most ${fieldLimits.customFieldsPerEdit} custom fields can be changed at once.` });
      return z.NEVER;
    }
    for (const [key, field] of entries) {
      if (!customFieldKeyPattern.test(key)) {
        context.addIssue({ code: 'custom', path: [key], message: 'A custom field name has 1 to 64 characters, without dots or spaces.' });
      } else if (typeof field !== 'string' || field.length > textLimits.profileText) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `A custom field value is text of at most ${textLimits.profileText} characters.`,
        });
      }
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }),
);
/** Callers see the record it checks (the check itself takes anything). */
const customFieldsSchema = checkedCustomFields as unknown as z.ZodType<Record<string, string>, Record<string, string>>;

export const profileEditRequestSchema = z.lazy(() =>
  z
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
          customFields: customFieldsSchema.optional(),
        })
        .strict(),
    })
    .strict(),
);
export type ProfileEditRequest = z.input<typeof profileEditRequestSchema> & { changes: EditChanges };

export const statusRequestSchema = z.lazy(() => z.object({ accountId, status: z.enum(statusTypes), text: text }).strict());

export const outboxItemSchema = z.lazy(() =>
  z.object({
    id: z.number().int(),
    field: z.string().refine(isOutboxField),
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
  }),
);
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const historyEntrySchema = z.lazy(() =>
  z.object({
    id: z.number().int(),
    at: z.string(),
    changes: z.record(z.string(), z.string()),
    outcome: z.enum(['saved', 'failed', 'kept-mine', 'took-theirs', 'discarded', 'already-there', 'not-kept']),
    detail: z.string().nullable(),
  }),
);
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const outboxViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    items: z.array(outboxItemSchema),
    history: z.array(historyEntrySchema),
    /** The last `sync.changed` of this account this view includes. */
    revision: revisionSchema,
  }),
);
export type OutboxView = z.infer<typeof outboxViewSchema>;

export const outboxItemRequestSchema = z.lazy(() => z.object({ accountId, itemId: z.number().int().positive() }).strict());
export const resolveConflictRequestSchema = z.lazy(() =>
  z.object({ accountId, itemId: z.number().int().positive(), keep: z.enum(['mine', 'theirs']) }).strict(),
);

/** An avatar image as base64; the core checks type and size again before upload. */
export const avatarUploadRequestSchema = z.lazy(() =>
  z
    .object({
      accountId,
      contentType: z.string().max(100),
      /** ≤ 1 MiB of image once decoded. */
      base64: z.string().max(Math.ceil((maxAvatarUploadBytes * 4) / 3) + 4),
    })
    .strict(),
);
