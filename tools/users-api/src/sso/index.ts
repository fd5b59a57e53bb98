// The browser leg of single sign-on: Rocket.Chat's /_oauth, /_saml, /_cas routes and the demo
// identity provider under /_idp. docs/sign-in.md.
import type { RouteDef } from '../http/router';
import { casRoutes } from './casRoutes';
import { oauthRoutes } from './oauthRoutes';
import { samlRoutes } from './samlRoutes';
import { webAppPlaceholderRoutes } from './webAppPlaceholder';

export const ssoRoutes: RouteDef[] = [...oauthRoutes, ...samlRoutes, ...casRoutes, ...webAppPlaceholderRoutes];
