import * as z from 'zod';
import { textLimits } from './limits';
import { missingWords } from './requiredFields';

/**
 * The ways a workspace lets people sign in, as its public settings tell (docs/sign-in.md):
 * the password form (a local, LDAP or Crowd password), single sign-on services finished
 * through the system browser, and personal access tokens.
 */

const id = z.lazy(() => z.string().min(1).max(200));

/** What the password form signs in with; the first login request is shaped for it. */
export const passwordKinds = ['local', 'ldap', 'crowd'] as const;
export type PasswordKind = (typeof passwordKinds)[number];

export const ssoKinds = ['oauth', 'saml', 'cas'] as const;
export type SsoKind = (typeof ssoKinds)[number];

/**
 * How a single sign-on comes back to the app: `link` — the browser hands the app a
 * rocketchat:// link (or the person pastes it); `poll` — the app asks the server until the
 * sign-in is there; `paste` — the person pastes the address the browser ends on.
 */
export const ssoFinishes = ['link', 'poll', 'paste'] as const;
export type SsoFinish = (typeof ssoFinishes)[number];

export const signInServiceSchema = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(ssoKinds),
    /** The server's own button label. */
    label: z.string(),
    finish: z.enum(ssoFinishes),
  }),
);
export type SignInService = z.infer<typeof signInServiceSchema>;

export const signInOptionsSchema = z.lazy(() =>
  z.object({
    serverId: z.string(),
    /** The workspace shows the username/password form (Accounts_ShowFormLogin). */
    passwordForm: z.boolean(),
    passwordKind: z.enum(passwordKinds),
    services: z.array(signInServiceSchema),
    /**
     * The address the workspace gives as its own (Site_Url) when it is not the one the person
     * added: single sign-on is not offered here, only there (the window offers to add it).
     */
    namedAddress: z.string().optional(),
  }),
);
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

export const serverRequestSchema = z.lazy(() => z.object({ serverId: id }).strict());

export const startSsoRequestSchema = z.lazy(() =>
  z.object({ serverId: id, serviceId: z.string().min(1).max(200), sessionOnly: z.boolean().optional() }).strict(),
);

export const ssoStartedSchema = z.lazy(() =>
  z.object({
    flowId: z.string(),
    kind: z.enum(ssoKinds),
    finish: z.enum(ssoFinishes),
    /** Where the system browser goes: the identity provider's sign-in. */
    url: z.string(),
  }),
);
export type SsoStarted = z.infer<typeof ssoStartedSchema>;

export const ssoRequestSchema = z.lazy(() => z.object({ flowId: id }).strict());

export const completeSsoRequestSchema = z.lazy(() =>
  z
    .object({
      flowId: id,
      /** A rocketchat:// link or the address the browser ended on, as the person pasted it. Absent: check now. */
      link: z.string().trim().max(textLimits.signInLink).optional(),
    })
    .strict(),
);

export const tokenSignInRequestSchema = z.lazy(() =>
  z
    .object({
      serverId: id,
      userId: z.string().trim().min(1, missingWords.accessTokenUserId).max(textLimits.accessTokenUserId),
      token: z.string().trim().min(1, missingWords.accessToken).max(textLimits.accessToken),
      sessionOnly: z.boolean().optional(),
    })
    .strict(),
);
