// Meteor's login handlers: each looks at the login arguments and either passes (undefined),
// throws a LoginError, or names the user it signed in and the login type.
import type { RequestContext } from '../../http/router';
import type { UserDoc } from '../../state/types';

export interface LoginResult {
  /** Meteor's attempt.type: 'password', 'resume', 'ldap', 'crowd', 'cas', 'saml', 'oauth'. */
  type: string;
  user: UserDoc;
  /** The login-blocking key of a password attempt, cleared once the login succeeds. */
  blockKey?: string;
  /** `{resume}` answers with the token it was given. */
  resumeToken?: string;
}

export type LoginHandler = (ctx: RequestContext, args: Record<string, unknown>) => Promise<LoginResult | undefined>;
