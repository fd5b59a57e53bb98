// What GET /api/v1/settings.public may show: the settings Rocket.Chat registers with
// `public: true` (apps/meteor/server/settings/{accounts,ldap,cas,oauth}.ts, app/crowd/server/settings.ts,
// the layout group for Accounts_ShowFormLogin) among those this server has. docs/sign-in.md.
import type { App } from '../app';
import type { Settings } from './settings';

const PUBLIC_SETTING_IDS = [
  'Accounts_AllowDeleteOwnAccount',
  'Accounts_AllowEmailChange',
  'Accounts_AllowInvisibleStatusOption',
  'Accounts_AllowPasswordChange',
  'Accounts_AllowPasswordChangeForOAuthUsers',
  'Accounts_AllowRealNameChange',
  'Accounts_AllowUserAvatarChange',
  'Accounts_AllowUserProfileChange',
  'Accounts_AllowUserStatusMessageChange',
  'Accounts_AllowUsernameChange',
  'Accounts_AllowedDomainsList',
  'Accounts_AvatarBlockUnauthenticatedAccess',
  'Accounts_CustomFields',
  'Accounts_EmailOrUsernamePlaceholder',
  'Accounts_EmailVerification',
  'Accounts_Iframe_api_method',
  'Accounts_Iframe_api_url',
  'Accounts_LoginExpiration',
  'Accounts_ManuallyApproveNewUsers',
  'Accounts_PasswordPlaceholder',
  'Accounts_PasswordReset',
  'Accounts_RegistrationForm',
  'Accounts_RegistrationForm_LinkReplacementText',
  'Accounts_ShowFormLogin',
  'Accounts_TwoFactorAuthentication_By_Email_Enabled',
  'Accounts_TwoFactorAuthentication_By_TOTP_Enabled',
  'Accounts_TwoFactorAuthentication_Enabled',
  'Accounts_TwoFactorAuthentication_Enforce_Password_Fallback',
  'Accounts_iframe_enabled',
  'Accounts_iframe_url',
  'API_Gitlab_URL',
  'Accounts_twoFactorAuthentication_email_available_for_OAuth_users',
  'CAS_base_url',
  'CAS_enabled',
  'CAS_login_url',
  'CAS_popup_height',
  'CAS_popup_width',
  'CROWD_Enable',
  'LDAP_Enable',
  'Site_Name',
  'UserData_EnableDownload',
] as const satisfies readonly (keyof Settings)[];

export interface PublicSetting {
  _id: string;
  value: unknown;
}

/** `{ROOT_URL}` in a string setting or login service stands for this server's ROOT_URL. */
export function expandRootUrl<T>(app: App, value: T): T {
  if (typeof value === 'string') return value.replaceAll('{ROOT_URL}', app.rootUrl) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => expandRootUrl(app, v)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandRootUrl(app, v)])) as T;
  }
  return value;
}

/** Every public setting, sorted by _id as Rocket.Chat's default sort does. */
export function publicSettings(app: App): PublicSetting[] {
  const list: PublicSetting[] = PUBLIC_SETTING_IDS.map((id) => {
    const value = app.settings[id];
    // Accounts_CustomFields is a JSON string ("code" setting) in Rocket.Chat.
    if (id === 'Accounts_CustomFields') {
      return { _id: id, value: Object.keys(app.settings.Accounts_CustomFields).length ? JSON.stringify(value) : '' };
    }
    return { _id: id, value: expandRootUrl(app, value) };
  });
  list.push({ _id: 'Site_Url', value: app.rootUrl });
  return list.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
