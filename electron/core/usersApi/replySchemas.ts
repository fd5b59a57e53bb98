import * as z from 'zod';

/**
 * What the app relies on in the server's replies. Lenient on purpose (`looseObject`):
 * servers add fields between versions; only the fields we use must be there and right.
 * Each is built when first used (`z.lazy`): an offline start reads no reply (P1).
 */

export const serverInfoReplySchema = z.lazy(() =>
  z.looseObject({
    success: z.literal(true),
    version: z.string().optional(),
    info: z.looseObject({ version: z.string().optional() }).optional(),
  }),
);

export const meReplySchema = z.lazy(() =>
  z.looseObject({
    _id: z.string(),
    username: z.string().optional(),
    name: z.string().optional(),
  }),
);

export const loginReplySchema = z.lazy(() =>
  z.looseObject({
    status: z.literal('success').optional(),
    data: z.looseObject({
      userId: z.string(),
      authToken: z.string(),
      me: meReplySchema.optional(),
    }),
  }),
);

export const usersInfoReplySchema = z.lazy(() => z.looseObject({ user: z.looseObject({ _id: z.string() }) }));

const counted = () => ({
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

/** `users.list` (docs/protocol.md §6): `{users, count, offset, total}`. */
export const usersListReplySchema = z.lazy(() => z.looseObject({ users: z.array(z.looseObject({ _id: z.string() })), ...counted() }));

/** `directory?type=users`: the same page with the people under `result`. */
export const directoryReplySchema = z.lazy(() => z.looseObject({ result: z.array(z.looseObject({ _id: z.string() })), ...counted() }));
