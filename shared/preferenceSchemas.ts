import * as z from 'zod';
import { preferenceSpecs, type PreferenceKey, type PreferenceValue } from './preferences';
import { revisionSchema } from './revisionSchema';

const accountId = z.lazy(() => z.string().min(1).max(200));
const accountRequest = z.lazy(() => z.object({ accountId }).strict());

/** Structure of each preference's value; the rules in words (preferences.ts) are applied by the core. */
function valueSchema(spec: (typeof preferenceSpecs)[number]): z.ZodType<PreferenceValue, PreferenceValue> {
  switch (spec.kind) {
    case 'choice':
      return z.string().max(40);
    case 'switch':
      return z.boolean();
    case 'seconds':
      return z.number().int();
    case 'words':
      return z.array(z.string().max(spec.maxLength)).max(spec.maxWords);
  }
}

// Built inside the lazy schema that holds it: sixty schemas at load would cost every start (P1).
const changesSchema = () =>
  z.object(
    Object.fromEntries(preferenceSpecs.map((spec) => [spec.key, valueSchema(spec).optional()])) as Record<
      PreferenceKey,
      z.ZodOptional<z.ZodType<PreferenceValue, PreferenceValue>>
    >,
  );

export const preferencesEditRequestSchema = z.lazy(() => z.object({ accountId, changes: changesSchema().strict() }).strict());
export type PreferencesEditRequest = z.input<typeof preferencesEditRequestSchema>;

const anyValueSchema = () => z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/** One preference as the window shows it: the server's value as last read, and an edit not yet taken by the server. */
export const preferencesViewSchema = z.lazy(() => {
  const anyValue = anyValueSchema();
  return z.object({
    accountId: z.string(),
    /** Who this is about, for the screen to name: "demouser on Demo server". */
    accountLabel: z.string(),
    /** The values the person set, as last read (a key without one follows the workspace's default). */
    preferences: z.record(z.string(), anyValue),
    /** Edits waiting in the outbox, by key: the value, and where it stands. */
    waiting: z.record(z.string(), z.object({ value: anyValue.nullable(), state: z.string(), error: z.string().nullable() })),
    fetchedAt: z.string().nullable(),
    /** Why the last read failed, in words (the cached copy is shown meanwhile). */
    refreshError: z.string().nullable(),
    revision: revisionSchema,
  });
});
export type PreferencesView = z.infer<typeof preferencesViewSchema>;

/** Preferences: read from the cache (refreshed in the background), edited through the outbox. */
export const preferencesChannels = {
  'preferences.get': { request: accountRequest, response: preferencesViewSchema },
  'preferences.refresh': { request: accountRequest, response: preferencesViewSchema },
  'preferences.edit': { request: preferencesEditRequestSchema, response: preferencesViewSchema },
} as const;
