import { z } from 'zod';

/**
 * What the app relies on in the server's replies. Lenient on purpose (`looseObject`):
 * servers add fields between versions; only the fields we use must be there and right.
 */

export const serverInfoReplySchema = z.looseObject({
  success: z.literal(true),
  version: z.string().optional(),
  info: z.looseObject({ version: z.string().optional() }).optional(),
});

export const meReplySchema = z.looseObject({
  _id: z.string(),
  username: z.string().optional(),
  name: z.string().optional(),
});

export const loginReplySchema = z.looseObject({
  status: z.literal('success').optional(),
  data: z.looseObject({
    userId: z.string(),
    authToken: z.string(),
    me: meReplySchema.optional(),
  }),
});

export const usersInfoReplySchema = z.looseObject({ user: z.looseObject({ _id: z.string() }) });
