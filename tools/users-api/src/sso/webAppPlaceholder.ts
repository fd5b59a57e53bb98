// Where Rocket.Chat's SSO redirects land when its web app would take over (ROOT_URL, /home):
// a plain page, since this server has no web app.
import type { RouteDef } from '../http/router';
import { htmlPage } from './html';

export const webAppPlaceholderRoutes: RouteDef[] = ['/', '/home'].map((path) => ({
  method: 'GET' as const,
  path,
  handler: () => htmlPage('Rocket.Chat users API', '<p>This is the users API stand-in; Rocket.Chat’s web app would be here.</p>'),
}));
