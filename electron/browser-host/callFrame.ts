import * as z from 'zod';
import type { CallFrame } from '../../shared/socketFrames';

/** What the host accepts from its socket before handing the call to the core. */
export const callFrameSchema: z.ZodType<CallFrame> = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown(),
}) as z.ZodType<CallFrame>;
