import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import { loginReplySchema, type meReplySchema } from './replySchemas';
import type { UsersApiClient } from './usersApiClient';

/** The public settings that decide how a workspace signs people in (docs/sign-in.md §1). */
export const signInSettingIds = [
  'Accounts_ShowFormLogin',
  'LDAP_Enable',
  'CROWD_Enable',
  'CAS_enabled',
  'CAS_login_url',
  'Site_Url',
  'API_Gitlab_URL',
] as const;

const settingsReplySchema = z.lazy(() => z.looseObject({ settings: z.array(z.looseObject({ _id: z.string(), value: z.unknown() })) }));
const servicesReplySchema = z.lazy(() => z.looseObject({ services: z.array(z.looseObject({})) }));

export interface SignInSettings {
  settings: Record<string, unknown>;
  /** settings.oauth's entries, as the server sent them (validated where they are used). */
  services: Record<string, unknown>[];
}

/** settings.public (the sign-in ones) and settings.oauth, both without a session. */
export async function fetchSignInSettings(client: UsersApiClient): Promise<SignInSettings> {
  const [settings, services] = await Promise.all([
    client
      .request({ path: '/api/v1/settings.public', query: { _id: signInSettingIds.join(','), count: '100' } })
      .catch(unlisted({ settings: [] })),
    client.request({ path: '/api/v1/settings.oauth' }).catch(unlisted({ services: [] })),
  ]);
  const parsedSettings = settingsReplySchema.safeParse(settings);
  const parsedServices = servicesReplySchema.safeParse(services);
  if (!parsedSettings.success || !parsedServices.success) {
    throw new ApiFailure('server-error', 'The server sent its sign-in settings in a form the app cannot read.');
  }
  return {
    settings: Object.fromEntries(parsedSettings.data.settings.map((setting) => [setting._id, setting.value])),
    services: parsedServices.data.services,
  };
}

/**
 * A server that keeps these public routes behind a sign-in (401/403) hides its options, not
 * its sign-in: the defaults (the password form, no other services) let a person sign in,
 * instead of a refusal that reads as if a session had ended before any began.
 */
function unlisted(empty: object): (error: unknown) => object {
  return (error) => {
    if (error instanceof ApiFailure && (error.details.status === 401 || error.details.status === 403)) return empty;
    throw error;
  };
}

export interface LoginAnswer {
  userId: string;
  token: string;
  me: z.infer<typeof meReplySchema> | undefined;
}

/** The REST password body (docs/protocol.md §1): a digest for local passwords, the password itself for LDAP and Crowd. */
export function passwordLoginBody(user: string, password: string | { digest: string }): Record<string, unknown> {
  return { user, password: typeof password === 'string' ? password : { digest: password.digest, algorithm: 'sha-256' } };
}

/** How a second-factor code joins a login: in the REST password body, or around any other body (docs/sign-in.md §3). */
export type CodePlacement = 'in-body' | 'wrapped';

/**
 * POST /api/v1/login with a body built for the workspace's way of signing in; `code`
 * answers a 2FA challenge the way that body needs it.
 */
export async function loginWith(
  client: UsersApiClient,
  body: Record<string, unknown>,
  code?: { value: string; placement: CodePlacement },
): Promise<LoginAnswer> {
  const reply = loginReplySchema.safeParse(await client.request({ path: '/api/v1/login', body: loginBody(body, code) }));
  if (!reply.success) {
    throw new ApiFailure('server-error', 'The server accepted the sign-in but its reply is missing the session.');
  }
  return { userId: reply.data.data.userId, token: reply.data.data.authToken, me: reply.data.data.me };
}

/** What POST /api/v1/login carries: the first body, or it with a second-factor code placed the way it needs. */
export function loginBody(body: Record<string, unknown>, code?: { value: string; placement: CodePlacement }): Record<string, unknown> {
  if (!code) return body;
  return code.placement === 'in-body' ? { ...body, code: code.value } : { totp: { login: body, code: code.value } };
}
