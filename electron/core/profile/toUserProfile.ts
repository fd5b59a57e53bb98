import { userProfileSchema, type UserProfile } from '../../../shared/profileSchemas';

/**
 * Keeps each field the UI knows that has the right shape, and drops the rest one by one:
 * a server that sends one odd field (a number as a string, say) still gets its profile shown.
 */
export function toUserProfile(document: Record<string, unknown>): UserProfile | null {
  // Most documents are right as a whole: one parse, not one per field and one more.
  const whole = userProfileSchema.safeParse(document);
  if (whole.success) return whole.data;
  const shape = userProfileSchema.unwrap().shape;
  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in document)) continue;
    const parsed = schema.safeParse(document[key]);
    if (parsed.success) kept[key] = parsed.data;
  }
  const profile = userProfileSchema.safeParse(kept);
  return profile.success ? profile.data : null;
}
