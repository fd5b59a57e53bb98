// Error strings of docs/protocol.md §4 (users.updateOwnBasicInfo), table-driven, one step per row.
import { describe, expect, it } from 'vitest';
import { DEMO, sha256, start } from './helpers';
import { UPDATE, demoProof, devSession, runRows, update } from './errorTable';
import type { Row } from './errorTable';

const section4: Row[] = [
  { name: 'name characters', status: 400, error: 'Name contains invalid characters', run: (c) => update(c, { name: 'A <b>' }) },
  {
    name: 'name characters after decoding',
    status: 400,
    error: 'Name contains invalid characters',
    run: (c) => update(c, { name: 'A %3Cb%3E' }),
  },
  {
    name: 'profile changes off',
    status: 400,
    error: 'Not allowed [error-not-allowed]',
    errorType: 'error-not-allowed',
    run: async (c) => {
      await c.settings({ Accounts_AllowUserProfileChange: false });
      return update(c, { nickname: 'x' });
    },
  },
  ...(
    [
      ['Accounts_AllowUsernameChange', { username: 'demo.other' }, 'Edit username is not allowed'],
      ['Accounts_AllowUserStatusMessageChange', { statusText: 'hi' }, 'Edit user status is not allowed'],
      ['Accounts_AllowRealNameChange', { name: 'Other Name' }, 'Edit user real name is not allowed'],
      ['Accounts_AllowEmailChange', { email: 'other@example.com', currentPassword: demoProof }, 'Edit user email is not allowed'],
      ['Accounts_AllowPasswordChange', { newPassword: 'another-pass-1', currentPassword: demoProof }, 'Edit user password is not allowed'],
    ] as const
  ).map(([setting, data, text]): Row => ({
    name: text,
    status: 400,
    error: `${text} [error-action-not-allowed]`,
    errorType: 'error-action-not-allowed',
    run: async (c) => {
      await c.settings({ [setting]: false });
      const res = await update(c, data);
      expect(res.json.details).toEqual({ method: 'insertOrUpdateUser', action: 'Update_user' });
      return res;
    },
  })),
  ...(
    [
      ['invalid characters', 'bad name!'],
      ['taken (other case)', 'ROXIE'],
      ['taken by a team', 'Support'],
    ] as const
  ).map(([what, username]): Row => ({
    name: `identity: ${what}`,
    status: 400,
    error: 'Could not save user identity [error-could-not-save-identity]',
    errorType: 'error-could-not-save-identity',
    run: (c) => update(c, { username }),
  })),
  ...['all', 'here', 'admin'].map((username): Row => ({
    name: `blocked username ${username}`,
    status: 400,
    error: `${username} is blocked and can't be used! [error-blocked-username]`,
    errorType: 'error-blocked-username',
    run: (c) => update(c, { username }),
  })),
  {
    name: 'federated user renaming',
    status: 400,
    error: 'Not allowed [error-not-allowed]',
    errorType: 'error-not-allowed',
    run: async (c) => update(c, { username: 'alice' }, {}, await devSession(c, 'FederatedA1ice8Wn')),
  },
  {
    name: 'invisible status disabled',
    status: 400,
    error: 'Invisible status is disabled [error-status-not-allowed]',
    errorType: 'error-status-not-allowed',
    run: async (c) => {
      await c.settings({ Accounts_AllowInvisibleStatusOption: false });
      return update(c, { statusType: 'offline' });
    },
  },
  {
    name: 'status messages disabled (text unchanged)',
    status: 400,
    error: 'Not allowed [error-not-allowed]',
    errorType: 'error-not-allowed',
    run: async (c) => {
      await c.settings({ Accounts_AllowUserStatusMessageChange: false });
      return update(c, { statusText: 'On a vacation' }, {}, await c.loginRoxie());
    },
  },
  {
    name: 'bio too long',
    status: 400,
    error: 'Bio size exceeds 260 characters [error-bio-size-exceeded]',
    errorType: 'error-bio-size-exceeded',
    run: (c) => update(c, { bio: 'b'.repeat(261) }),
  },
  {
    name: 'nickname too long',
    status: 400,
    error: 'Nickname size exceeds 120 characters [error-nickname-size-exceeded]',
    errorType: 'error-nickname-size-exceeded',
    run: (c) => update(c, { nickname: 'n'.repeat(121) }),
  },
  {
    name: 'email change off (same address passes step 4)',
    status: 400,
    error: 'Changing email is not allowed [error-action-not-allowed]',
    errorType: 'error-action-not-allowed',
    run: async (c) => {
      await c.settings({ Accounts_AllowEmailChange: false });
      return update(c, { email: DEMO.demouser.email, currentPassword: demoProof });
    },
  },
  {
    name: 'invalid email',
    status: 400,
    error: 'Invalid email not-an-email [error-invalid-email]',
    errorType: 'error-invalid-email',
    run: (c) => update(c, { email: 'not-an-email', currentPassword: demoProof }),
  },
  {
    name: 'domain not whitelisted',
    status: 400,
    error: 'The email domain is not in whitelist [error-invalid-domain]',
    errorType: 'error-invalid-domain',
    run: async (c) => {
      await c.settings({ Accounts_AllowedDomainsList: 'example.com' });
      return update(c, { email: 'me@elsewhere.org', currentPassword: demoProof });
    },
  },
  {
    name: 'domain blacklisted',
    status: 400,
    error: 'The email domain is blacklisted [error-email-domain-blacklisted]',
    errorType: 'error-email-domain-blacklisted',
    run: async (c) => {
      await c.settings({ Accounts_BlockedDomainsList: 'spam.example' });
      return update(c, { email: 'me@spam.example', currentPassword: demoProof });
    },
  },
  {
    name: 'domain without DNS',
    status: 400,
    error: 'Invalid domain [error-invalid-domain]',
    errorType: 'error-invalid-domain',
    run: async (c) => {
      await c.settings({ Accounts_UseDNSDomainCheck: true });
      return update(c, { email: 'me@nowhere.invalid', currentPassword: demoProof });
    },
  },
  {
    name: 'email in use',
    status: 400,
    error: 'FUNKE@test.com is already in use :( [error-field-unavailable]',
    errorType: 'error-field-unavailable',
    run: (c) => update(c, { email: 'FUNKE@test.com', currentPassword: demoProof }),
  },
  {
    name: 'could not change email',
    status: 400,
    error: 'Could not change email [error-could-not-change-email]',
    errorType: 'error-could-not-change-email',
    run: async (c) => {
      await c.settings({ Dev_Email_Update_Broken: true });
      return update(c, { email: 'demo2@example.com', currentPassword: demoProof });
    },
  },
  {
    name: 'email send failed',
    status: 400,
    error: 'Error trying to send email: SMTP server unavailable [error-email-send-failed]',
    errorType: 'error-email-send-failed',
    run: async (c) => {
      await c.settings({ Dev_Mailer_Broken: true });
      return update(c, { email: 'demo2@example.com', currentPassword: demoProof });
    },
  },
  {
    name: 'same password',
    status: 400,
    error: 'Entered password same as current password [error-password-same-as-current]',
    errorType: 'error-password-same-as-current',
    run: (c) => update(c, { newPassword: 'demo-pass-1', currentPassword: demoProof }),
  },
  {
    name: 'password in history',
    status: 400,
    error: 'Entered password has been previously used [error-password-in-history]',
    errorType: 'error-password-in-history',
    run: async (c) => {
      await c.settings({ Accounts_Password_History_Enabled: true });
      const session = await c.loginDemo();
      expect((await update(c, { newPassword: 'second-pass-2', currentPassword: demoProof }, {}, session)).status).toBe(200);
      return update(c, { newPassword: 'demo-pass-1', currentPassword: sha256('second-pass-2') }, {}, session);
    },
  },
  {
    name: 'password policy',
    status: 400,
    error: "The password provided does not meet the server's password policy. [error-password-policy-not-met]",
    errorType: 'error-password-policy-not-met',
    run: async (c) => {
      const res = await update(c, { newPassword: 'short', currentPassword: demoProof });
      expect(res.json.details).toEqual([
        { error: 'error-password-policy-not-met-minLength', message: 'The password does not meet the minimum length password policy.' },
        {
          error: 'error-password-policy-not-met-oneNumber',
          message: 'The password does not contain at least one numerical character which is against the password policy.',
        },
      ]);
      return res;
    },
  },
  {
    name: 'custom field required',
    status: 400,
    error: 'Field twitter is required [error-user-registration-custom-field]',
    errorType: 'error-user-registration-custom-field',
    run: async (c) => {
      await c.settings({ Accounts_CustomFields: { twitter: { type: 'text', required: true } } });
      return update(c, {}, { customFields: { twitter: '  ' } });
    },
  },
  {
    name: 'custom field partial set (select not sent)',
    status: 400,
    error: 'Value for field department is invalid [error-user-registration-custom-field]',
    errorType: 'error-user-registration-custom-field',
    run: (c) => update(c, {}, { customFields: { twitter: '@only' } }),
  },
  {
    name: 'custom field too long',
    status: 400,
    error: 'Max length of field twitter 50 [error-user-registration-custom-field]',
    errorType: 'error-user-registration-custom-field',
    run: (c) => update(c, {}, { customFields: { twitter: 't'.repeat(51), department: 'Sales' } }),
  },
  {
    name: 'custom field too short',
    status: 400,
    error: 'Min length of field twitter 3 [error-user-registration-custom-field]',
    errorType: 'error-user-registration-custom-field',
    run: async (c) => {
      await c.settings({ Accounts_CustomFields: { twitter: { type: 'text', minLength: 3 } } });
      return update(c, {}, { customFields: { twitter: '@a' } });
    },
  },
  {
    name: 'gate: wrong password hash',
    status: 400,
    error: 'TOTP Invalid [totp-invalid]',
    errorType: 'totp-invalid',
    run: (c) => update(c, { newPassword: 'another-pass-1', currentPassword: sha256('wrong') }),
  },
];

describe('§4 updateOwnBasicInfo error strings', () => runRows(section4));

describe('unreachable by design', () => {
  it('"Edit user profile is not allowed" loses to step 3 when profile changes are off (§4 order)', async () => {
    const c = await start();
    try {
      await c.settings({ Accounts_AllowUserProfileChange: false });
      const res = await c.post(UPDATE, { data: { name: 'x' } }, await c.loginDemo());
      expect(res.json.error).toBe('Not allowed [error-not-allowed]');
    } finally {
      await c.close();
    }
  });
});
