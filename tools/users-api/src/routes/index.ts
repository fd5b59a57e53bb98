// The full route table.
import type { RouteDef } from '../http/router';
import { ssoRoutes } from '../sso';
import { accountDataRoutes } from './accountData';
import { avatarRoutes } from './avatar';
import { avatarImageRoutes } from './avatarImages';
import { deleteOwnAccountRoutes } from './deleteOwnAccount';
import { deviceSessionRoutes } from './deviceSessions';
import { emailVerificationRoutes } from './emailVerification';
import { infoRoutes } from './info';
import { listRoutes } from './lists';
import { loginRoutes } from './login';
import { personalAccessTokenRoutes } from './personalAccessTokens';
import { preferencesRoutes } from './preferences';
import { sessionRoutes } from './sessions';
import { settingsRoutes } from './settingsPublic';
import { statusRoutes } from './status';
import { twoFactorRoutes } from './twoFactor';
import { updateOwnBasicInfoRoutes } from './updateOwnBasicInfo';
import { usersInfoRoutes } from './usersInfo';

export const apiRoutes: RouteDef[] = [
  ...infoRoutes,
  ...loginRoutes,
  ...usersInfoRoutes,
  ...updateOwnBasicInfoRoutes,
  ...twoFactorRoutes,
  ...statusRoutes,
  ...listRoutes,
  ...avatarRoutes,
  ...sessionRoutes,
  ...deviceSessionRoutes,
  ...emailVerificationRoutes,
  ...settingsRoutes,
  ...personalAccessTokenRoutes,
  ...accountDataRoutes,
  ...deleteOwnAccountRoutes,
  ...preferencesRoutes,
  ...avatarImageRoutes,
  ...ssoRoutes,
];
