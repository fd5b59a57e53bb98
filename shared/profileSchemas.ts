import * as z from 'zod';
import { revisionSchema } from './revisionSchema';
import { textLimits } from './limits';
import { missingWords } from './requiredFields';
import { customFieldKeyPattern, statusTypes } from './profileEdits';
import type { CustomFieldDefinition } from './customFields';

/** One custom field as the workspace defines it (customFields.ts); built with the schema that holds it. */
const customFieldDefinitionSchema = () =>
  z.object({
    key: z.string().regex(customFieldKeyPattern),
    type: z.enum(['text', 'select']),
    required: z.boolean(),
    minLength: z.number().int().positive().optional(),
    maxLength: z.number().int().positive().optional(),
    options: z.array(z.string()).optional(),
  }) satisfies z.ZodType<CustomFieldDefinition>;

/**
 * The user profile as the UI may see it. The contract's reply parse strips every key not
 * listed here, so a field the server adds (or a secret it leaks) never reaches the renderer.
 */
const roomSchema = () =>
  z.object({
    _id: z.string(),
    rid: z.string(),
    name: z.string().optional(),
    t: z.string(),
    unread: z.number().optional(),
    roles: z.array(z.string()).optional(),
  });

export const userProfileSchema = z.lazy(() =>
  z.object({
    _id: z.string(),
    username: z.string().optional(),
    name: z.string().optional(),
    nickname: z.string().optional(),
    bio: z.string().optional(),
    emails: z.array(z.object({ address: z.string(), verified: z.boolean().optional() })).optional(),
    status: z.string().optional(),
    /** The status the person chose; `status` is what others see (docs/protocol.md §6 "Status"). */
    statusDefault: z.string().optional(),
    statusText: z.string().optional(),
    statusConnection: z.string().optional(),
    utcOffset: z.number().optional(),
    type: z.string().optional(),
    active: z.boolean().optional(),
    roles: z.array(z.string()).optional(),
    createdAt: z.string().optional(),
    lastLogin: z.string().optional(),
    requirePasswordChange: z.boolean().optional(),
    requirePasswordChangeReason: z.string().optional(),
    customFields: z.record(z.string(), z.unknown()).optional(),
    avatarETag: z.string().optional(),
    freeSwitchExtension: z.string().optional(),
    _updatedAt: z.string().optional(),
    services: z
      .object({
        totp: z.object({ enabled: z.boolean() }).optional(),
        email2fa: z.object({ enabled: z.boolean() }).optional(),
        password: z.object({ exists: z.boolean() }).optional(),
      })
      .optional(),
    rooms: z.array(roomSchema()).optional(),
  }),
);
export type UserProfile = z.infer<typeof userProfileSchema>;

const because = z.lazy(() => z.string().optional());

/**
 * What the account's workspace lets a person do, as last read from the server (kept on this
 * computer, so it holds offline too). Each locked thing carries the sentence saying why.
 */
export const workspaceOffersSchema = z.lazy(() =>
  z.object({
    /** Profile fields, and the avatar, the workspace does not let a person change. */
    locked: z.object({
      name: because,
      username: because,
      nickname: because,
      bio: because,
      statusText: because,
      customFields: because,
      avatar: because,
    }),
    /** The statuses a person may choose (`offline`, "invisible", only where the workspace allows it). */
    statuses: z.array(z.enum(statusTypes)),
    /** Lookup keys this server does not know (older releases), with the sentence saying so. */
    lookupUnavailable: z.object({ email: because, freeSwitchExtension: because }),
    /**
     * The custom fields the workspace defines (`Accounts_CustomFields`), in its order; absent
     * while the definition is unknown (never read, or unreadable).
     */
    customFields: z.array(customFieldDefinitionSchema()).optional(),
  }),
);
export type WorkspaceOffers = z.infer<typeof workspaceOffersSchema>;
export type LockedThing = keyof WorkspaceOffers['locked'];

export const profileViewSchema = z.lazy(() =>
  z.object({
    accountId: z.string(),
    profile: userProfileSchema.nullable(),
    /** ISO time of the cached copy ("as of"), null before the first fetch. */
    fetchedAt: z.string().nullable(),
    /** The last refresh failed: the reason, in words. */
    refreshError: z.string().nullable(),
    workspace: workspaceOffersSchema,
    /** The last `profile.changed` of this account this view includes. */
    revision: revisionSchema,
  }),
);
export type ProfileView = z.infer<typeof profileViewSchema>;

export const profileRequestSchema = z.lazy(() => z.object({ accountId: z.string().min(1).max(200) }).strict());

export const lookupKeys = ['userId', 'username', 'importId', 'email', 'freeSwitchExtension'] as const;
export type LookupKey = (typeof lookupKeys)[number];

export const lookupRequestSchema = z.lazy(() =>
  z
    .object({
      accountId: z.string().min(1).max(200),
      key: z.enum(lookupKeys),
      value: z.string().trim().min(1, missingWords.lookupValue).max(textLimits.lookupValue),
      includeRooms: z.boolean().optional(),
    })
    .strict(),
);

export const lookupResultSchema = z.lazy(() =>
  z.object({
    person: userProfileSchema,
    fetchedAt: z.string(),
    /** The server could not be reached: this is the copy saved at fetchedAt. */
    fromCache: z.boolean(),
  }),
);
export type LookupResult = z.infer<typeof lookupResultSchema>;

export const recentLookupsSchema = z.lazy(() =>
  z.object({
    people: z.array(z.object({ userId: z.string(), username: z.string().nullable(), name: z.string().nullable(), lookedUpAt: z.string() })),
  }),
);
export type RecentLookups = z.infer<typeof recentLookupsSchema>;

export const avatarRequestSchema = z.lazy(() =>
  z
    .object({
      accountId: z.string().min(1).max(200),
      username: z.string().min(1).max(200),
      /** The avatarETag the app last saw for this person; a different one means "changed". */
      etag: z.string().max(200).optional(),
    })
    .strict(),
);

export const avatarViewSchema = z.lazy(() =>
  z.object({
    username: z.string(),
    /** The saved image as a data: URL (the renderer's CSP allows data: images only from the core). */
    dataUrl: z.string().nullable(),
    fetchedAt: z.string().nullable(),
  }),
);
export type AvatarView = z.infer<typeof avatarViewSchema>;
