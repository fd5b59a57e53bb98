// Error strings of docs/protocol.md §1 (login), §3 (users.info) and §5 (two-factor), table-driven.
import { describe } from 'vitest';
import { login, runRows } from './errorTable';
import type { Row } from './errorTable';
import type { Res } from './helpers';

const section1: Row[] = [
  { name: 'unknown user', status: 401, error: 'Unauthorized', message: 'Unauthorized', run: (c) => login(c, 'ghost', 'x') },
  { name: 'wrong password', status: 401, error: 403, message: 'Incorrect password', run: (c) => login(c, 'demouser', 'wrong') },
  {
    name: 'deactivated user',
    status: 401,
    error: 'error-user-is-not-activated',
    run: (c) => login(c, 'former.employee', 'former-pass-1'),
  },
  {
    name: 'unverified address while verification is required',
    status: 401,
    error: 'error-invalid-email',
    run: async (c) => {
      await c.settings({ Accounts_EmailVerification: true });
      return login(c, 'new.hire', 'hire-pass-1');
    },
  },
  {
    name: 'blocked IP',
    status: 401,
    error: 'error-login-blocked-for-ip',
    run: async (c) => {
      await c.settings({ Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip: 2 });
      const ip = { 'x-forwarded-for': '10.9.8.7' };
      await login(c, 'ghost1', 'x', ip);
      await login(c, 'ghost2', 'x', ip);
      return login(c, 'demouser', 'demo-pass-1', ip);
    },
  },
  {
    name: 'blocked user',
    status: 401,
    error: 'error-login-blocked-for-user',
    run: async (c) => {
      await c.settings({ Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User: 2 });
      await login(c, 'demouser', 'bad-1', { 'x-forwarded-for': '10.0.0.1' });
      await login(c, 'demouser', 'bad-2', { 'x-forwarded-for': '10.0.0.2' });
      return login(c, 'demouser', 'demo-pass-1', { 'x-forwarded-for': '10.0.0.3' });
    },
  },
  {
    name: 'license limit',
    status: 401,
    error: 'error-license-user-limit-reached',
    run: async (c) => {
      await c.settings({ Dev_License_User_Limit_Reached: true });
      return login(c, 'demouser', 'demo-pass-1');
    },
  },
  { name: 'app user', status: 401, error: 'error-app-user-is-not-allowed-to-login', run: (c) => login(c, 'poll.app', 'app-pass-1') },
  {
    name: 'login TOTP required',
    status: 401,
    error: 'totp-required',
    message: 'TOTP Required',
    run: (c) => login(c, 'roxie', 'roxie-pass-1'),
  },
  {
    name: 'login TOTP invalid',
    status: 401,
    error: 'totp-invalid',
    message: 'TOTP Invalid',
    run: (c) => c.post('/api/v1/login', { user: 'roxie', password: 'roxie-pass-1', code: '000000' }),
  },
  {
    name: 'login max attempts',
    status: 401,
    error: 'totp-max-attempts',
    message: 'TOTP Maximun Failed Attempts Reached',
    run: async (c) => {
      await c.settings({ Accounts_TwoFactorAuthentication_Max_Invalid_Email_Code_Attempts: 1 });
      await login(c, 'test.john', 'john-pass-1');
      return c.post('/api/v1/login', { user: 'test.john', password: 'john-pass-1', code: '111-111' });
    },
  },
  {
    name: 'login crash (injected)',
    status: 500,
    error: 'Internal server error',
    run: async (c) => {
      await c.post('/_dev/faults', { route: '/api/v1/login', status: 500, times: 1 });
      return login(c, 'demouser', 'demo-pass-1');
    },
  },
];

const section3: Row[] = [
  {
    name: 'users.info unknown',
    status: 400,
    error: 'User not found.',
    run: async (c) => c.get('/api/v1/users.info?username=ghost', await c.loginDemo()),
  },
  {
    name: 'users.info empty key',
    status: 400,
    error: 'Invalid search query.',
    run: async (c) => c.get('/api/v1/users.info?username=', await c.loginDemo()),
  },
];

const section5: Row[] = [
  {
    name: 'route 2FA required (enableTotp)',
    status: 400,
    error: 'TOTP Required [totp-required]',
    errorType: 'totp-required',
    run: async (c) => c.post('/api/v1/users.enableTotp', {}, await c.loginDemo()),
  },
  {
    name: 'route 2FA invalid',
    status: 400,
    error: 'TOTP Invalid [totp-invalid]',
    errorType: 'totp-invalid',
    run: async (c) => c.post('/api/v1/users.enableTotp', {}, await c.loginRoxie(), { 'x-2fa-code': '123456', 'x-2fa-method': 'totp' }),
  },
  {
    name: 'route 2FA max attempts',
    status: 400,
    error: 'TOTP Maximun Failed Attempts Reached [totp-max-attempts]',
    errorType: 'totp-max-attempts',
    run: async (c) => {
      const john = await c.loginJohn();
      const wrong = { 'x-2fa-code': '000-000', 'x-2fa-method': 'email' };
      let res: Res | undefined;
      for (let i = 0; i < 5; i++) res = await c.post('/api/v1/users.2fa.disableEmail', {}, john, wrong);
      return res as Res;
    },
  },
  {
    name: 'sendEmailCode without the field on 7.x',
    status: 400,
    error: 'emailOrUsername is required [error-parameter-required]',
    errorType: 'error-parameter-required',
    options: { compat: 7 },
    run: (c) => c.post('/api/v1/users.2fa.sendEmailCode', {}),
  },
  {
    name: 'enableEmail without a verified address',
    status: 400,
    error: 'You need to verify your emails before setting up 2FA [error-invalid-user]',
    errorType: 'error-invalid-user',
    run: async (c) => c.post('/api/v1/users.2fa.enableEmail', {}, await c.login('new.hire', 'hire-pass-1')),
  },
];

describe('§1 login error strings', () => runRows(section1));
describe('§3 users.info error strings', () => runRows(section3));
describe('§5 two-factor error strings', () => runRows(section5));
