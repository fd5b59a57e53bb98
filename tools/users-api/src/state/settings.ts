// Server settings, named after the Rocket.Chat setting ids they imitate so the
// README and docs/protocol.md can be read side by side. Defaults are Rocket.Chat's,
// except where noted. `/_dev/settings` patches them at run time.
import type { CustomFieldDef } from './types';

export interface Settings {
  // §7 rate limits: default 10 calls / 60 000 ms per route+method+IP.
  API_Enable_Rate_Limiter: boolean;
  API_Enable_Rate_Limiter_Limit_Calls_Default: number;
  API_Enable_Rate_Limiter_Limit_Time_Default: number;
  // §4: updateOwnBasicInfo has its own limit (1 per 60 s), keyed per user here.
  UpdateOwnBasicInfo_Rate_Limit_Enabled: boolean;
  UpdateOwnBasicInfo_Rate_Limit_Calls: number;
  UpdateOwnBasicInfo_Rate_Limit_Time: number;
  // §6 lists
  API_Default_Count: number;
  API_Upper_Count_Limit: number;
  API_Allow_Infinite_Count: boolean;
  'API_Apply_permission_view-outside-room_on_users-list': boolean;
  // §4 profile edits
  Accounts_AllowUserProfileChange: boolean;
  Accounts_AllowUsernameChange: boolean;
  Accounts_AllowRealNameChange: boolean;
  Accounts_AllowEmailChange: boolean;
  Accounts_AllowPasswordChange: boolean;
  /** Public; users without a local password still cannot change one (saveUserProfile needs a bcrypt hash). */
  Accounts_AllowPasswordChangeForOAuthUsers: boolean;
  Accounts_AllowUserStatusMessageChange: boolean;
  Accounts_AllowUserAvatarChange: boolean;
  Accounts_AllowInvisibleStatusOption: boolean;
  Accounts_EmailVerification: boolean;
  Accounts_LoginExpiration: number;
  Accounts_AllowedDomainsList: string;
  Accounts_BlockedDomainsList: string;
  /** No network here: when on, any domain under the reserved `.invalid` TLD "fails DNS". */
  Accounts_UseDNSDomainCheck: boolean;
  Accounts_BlockedUsernameList: string;
  Accounts_Password_History_Enabled: boolean;
  Accounts_Password_History_Amount: number;
  Accounts_AvatarCacheTime: number;
  Accounts_AvatarBlockUnauthenticatedAccess: boolean;
  Accounts_CustomFields: Record<string, CustomFieldDef>;
  UTF8_User_Names_Validation: string;
  // Item 26: a suggested username (getUsernameSuggestion) and the data download (requestDataDownload).
  UTF8_Names_Slugify: boolean;
  Accounts_DefaultUsernamePrefixSuggestion: string;
  UserData_EnableDownload: boolean;
  // §4 password policy (GET pw.getPolicy)
  Accounts_Password_Policy_Enabled: boolean;
  Accounts_Password_Policy_MinLength: number;
  Accounts_Password_Policy_MaxLength: number;
  Accounts_Password_Policy_ForbidRepeatingCharacters: boolean;
  Accounts_Password_Policy_ForbidRepeatingCharactersCount: number;
  Accounts_Password_Policy_AtLeastOneLowercase: boolean;
  Accounts_Password_Policy_AtLeastOneUppercase: boolean;
  Accounts_Password_Policy_AtLeastOneNumber: boolean;
  Accounts_Password_Policy_AtLeastOneSpecialCharacter: boolean;
  // §5 two-factor
  Accounts_TwoFactorAuthentication_Enabled: boolean;
  Accounts_TwoFactorAuthentication_By_TOTP_Enabled: boolean;
  Accounts_TwoFactorAuthentication_By_Email_Enabled: boolean;
  /** Off: emailed codes are no second factor for users of an OAuth service (EmailCheck.isEnabled). */
  Accounts_twoFactorAuthentication_email_available_for_OAuth_users: boolean;
  Accounts_TwoFactorAuthentication_By_Email_Code_Expiration: number;
  Accounts_TwoFactorAuthentication_MaxDelta: number;
  Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: boolean;
  Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts: number;
  // §1 login blocking
  Block_Multiple_Failed_Logins_Enabled: boolean;
  Block_Multiple_Failed_Logins_By_User: boolean;
  Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: number;
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes: number;
  Block_Multiple_Failed_Logins_By_Ip: boolean;
  Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: number;
  Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes: number;
  // Sign-in variants (docs/sign-in.md). LDAP_Enable, CROWD_Enable, Accounts_ShowFormLogin and
  // the CAS_* below are public settings (GET settings.public); LDAP_Login_Fallback is not.
  LDAP_Enable: boolean;
  /** LDAP users may also use their local password, which each LDAP login sets. */
  LDAP_Login_Fallback: boolean;
  CROWD_Enable: boolean;
  Accounts_ShowFormLogin: boolean;
  CAS_enabled: boolean;
  /** `{ROOT_URL}` in the CAS URLs stands for this server's ROOT_URL (the demo IdP lives here). */
  CAS_base_url: string;
  CAS_login_url: string;
  CAS_button_label_text: string;
  CAS_button_label_color: string;
  CAS_button_color: string;
  CAS_popup_width: number;
  CAS_popup_height: number;
  CAS_autoclose: boolean;
  /** The GitLab a built-in `gitlab` login service signs in at ('' = gitlab.com); public (apps/meteor/server/settings/oauth.ts). */
  API_Gitlab_URL: string;
  // Public settings a sign-in form reads (defaults are Rocket.Chat's).
  Site_Name: string;
  Accounts_RegistrationForm: string;
  Accounts_RegistrationForm_LinkReplacementText: string;
  Accounts_PasswordReset: boolean;
  Accounts_EmailOrUsernamePlaceholder: string;
  Accounts_PasswordPlaceholder: string;
  Accounts_ManuallyApproveNewUsers: boolean;
  Accounts_AllowDeleteOwnAccount: boolean;
  Accounts_iframe_enabled: boolean;
  Accounts_iframe_url: string;
  Accounts_Iframe_api_url: string;
  Accounts_Iframe_api_method: string;
  // Simulations (no Rocket.Chat counterpart) so tests can reach rare error branches.
  Dev_License_User_Limit_Reached: boolean;
  /** The enterprise licence's `device-management` module: sessions/list and sessions/logout.me answer only with it. */
  Dev_License_Device_Management: boolean;
  Dev_Mailer_Broken: boolean;
  Dev_Email_Update_Broken: boolean;
}

export function defaultSettings(): Settings {
  return {
    API_Enable_Rate_Limiter: true,
    API_Enable_Rate_Limiter_Limit_Calls_Default: 10,
    API_Enable_Rate_Limiter_Limit_Time_Default: 60_000,
    UpdateOwnBasicInfo_Rate_Limit_Enabled: true,
    UpdateOwnBasicInfo_Rate_Limit_Calls: 1,
    UpdateOwnBasicInfo_Rate_Limit_Time: 60_000,
    API_Default_Count: 50,
    API_Upper_Count_Limit: 100,
    API_Allow_Infinite_Count: true,
    'API_Apply_permission_view-outside-room_on_users-list': false,
    Accounts_AllowUserProfileChange: true,
    Accounts_AllowUsernameChange: true,
    Accounts_AllowRealNameChange: true,
    Accounts_AllowEmailChange: true,
    Accounts_AllowPasswordChange: true,
    Accounts_AllowPasswordChangeForOAuthUsers: true,
    Accounts_AllowUserStatusMessageChange: true,
    Accounts_AllowUserAvatarChange: true,
    Accounts_AllowInvisibleStatusOption: true,
    Accounts_EmailVerification: false,
    Accounts_LoginExpiration: 90,
    Accounts_AllowedDomainsList: '',
    Accounts_BlockedDomainsList: '',
    Accounts_UseDNSDomainCheck: false,
    Accounts_BlockedUsernameList: '',
    Accounts_Password_History_Enabled: false,
    Accounts_Password_History_Amount: 5,
    Accounts_AvatarCacheTime: 0,
    Accounts_AvatarBlockUnauthenticatedAccess: false,
    Accounts_CustomFields: {},
    UTF8_User_Names_Validation: '[0-9a-zA-Z-_.]+',
    UTF8_Names_Slugify: true,
    Accounts_DefaultUsernamePrefixSuggestion: 'user',
    UserData_EnableDownload: true,
    Accounts_Password_Policy_Enabled: false,
    Accounts_Password_Policy_MinLength: 7,
    Accounts_Password_Policy_MaxLength: -1,
    Accounts_Password_Policy_ForbidRepeatingCharacters: true,
    Accounts_Password_Policy_ForbidRepeatingCharactersCount: 3,
    Accounts_Password_Policy_AtLeastOneLowercase: true,
    Accounts_Password_Policy_AtLeastOneUppercase: true,
    Accounts_Password_Policy_AtLeastOneNumber: true,
    Accounts_Password_Policy_AtLeastOneSpecialCharacter: true,
    Accounts_TwoFactorAuthentication_Enabled: true,
    Accounts_TwoFactorAuthentication_By_TOTP_Enabled: true,
    Accounts_TwoFactorAuthentication_By_Email_Enabled: true,
    Accounts_twoFactorAuthentication_email_available_for_OAuth_users: true,
    Accounts_TwoFactorAuthentication_By_Email_Code_Expiration: 3600,
    Accounts_TwoFactorAuthentication_MaxDelta: 1,
    Accounts_TwoFactorAuthentication_Enforce_Password_Fallback: true,
    Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts: 5,
    Block_Multiple_Failed_Logins_Enabled: true,
    Block_Multiple_Failed_Logins_By_User: true,
    Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 10,
    Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes: 5,
    Block_Multiple_Failed_Logins_By_Ip: true,
    Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 50,
    Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes: 5,
    LDAP_Enable: false,
    LDAP_Login_Fallback: false,
    CROWD_Enable: false,
    Accounts_ShowFormLogin: true,
    CAS_enabled: false,
    CAS_base_url: '',
    CAS_login_url: '',
    CAS_button_label_text: 'CAS',
    CAS_button_label_color: '#FFFFFF',
    CAS_button_color: '#1d74f5',
    CAS_popup_width: 810,
    CAS_popup_height: 610,
    CAS_autoclose: true,
    API_Gitlab_URL: '',
    Site_Name: 'Rocket.Chat',
    Accounts_RegistrationForm: 'Public',
    Accounts_RegistrationForm_LinkReplacementText: 'New user registration is currently disabled',
    Accounts_PasswordReset: true,
    Accounts_EmailOrUsernamePlaceholder: '',
    Accounts_PasswordPlaceholder: '',
    Accounts_ManuallyApproveNewUsers: false,
    Accounts_AllowDeleteOwnAccount: false,
    Accounts_iframe_enabled: false,
    Accounts_iframe_url: '',
    Accounts_Iframe_api_url: '',
    Accounts_Iframe_api_method: 'POST',
    Dev_License_User_Limit_Reached: false,
    Dev_License_Device_Management: false,
    Dev_Mailer_Broken: false,
    Dev_Email_Update_Broken: false,
  };
}

/**
 * Applies a patch, refusing unknown keys and values of the wrong type, so a typo
 * in a test's `/_dev/settings` call fails loudly instead of silently doing nothing.
 * Returns the list of problems (empty when the patch was applied).
 */
export function patchSettings(target: Settings, patch: unknown): string[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return ['settings patch must be a JSON object'];
  }
  const defaults = defaultSettings() as unknown as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in defaults)) {
      problems.push(`unknown setting '${key}'`);
      continue;
    }
    const expected = defaults[key];
    const ok =
      typeof expected === 'object'
        ? typeof value === 'object' && value !== null && !Array.isArray(value)
        : typeof value === typeof expected;
    if (!ok) problems.push(`setting '${key}' must be a ${typeof expected}`);
  }
  if (problems.length === 0) Object.assign(target, patch);
  return problems;
}
