import { beforeEach, describe, expect, it } from 'vitest';
import { call, callFailure } from '../../../tests/support/coreCall';
import { signedIn, type DemoAccount } from '../../../tests/support/coreSignIn';
import { coreWithServer } from '../../../tests/support/coreWithServer';
import { demo, totpCode, type TestServer } from '../../../tests/support/usersApiServer';
import type { Core } from '../createCore';
import type { Proof } from '../security/proofs';

const GENERATE = '/api/v1/users.generatePersonalAccessToken';
const REGENERATE = '/api/v1/users.regeneratePersonalAccessToken';
const REMOVE = '/api/v1/users.removePersonalAccessToken';

const env = coreWithServer();
let server: TestServer;
let core: Core;
beforeEach(() => ({ server, core } = env));

/** What a person types to confirm one write, by the account's second factor (an emailed code is asked for first). */
async function proofFor(account: DemoAccount, accountId: string): Promise<Proof> {
  if (account === 'plain') return { currentPassword: demo.plain.password };
  if (account === 'totp') return { code: totpCode() };
  await server.emptyMailbox();
  await call(core, 'security.sendCode', { accountId });
  return { code: await server.latestEmailCode(demo.email2fa.email) };
}

/** The requests to a route since the log was emptied: one, answered 200, is a proof that was in the first request. */
async function servedTo(path: string): Promise<number[]> {
  return (await server.requests()).filter((r) => r.path === path).map((r) => r.status);
}

const seeded: Record<DemoAccount, string[]> = { plain: [], totp: ['Home automation'], email2fa: ['CI deploy'] };

describe.each([
  ['plain', 'password'],
  ['totp', 'totp'],
  ['email2fa', 'email'],
] as const)('personal access tokens of the %s account', (account, method) => {
  it('creates one (shown once), lists it, regenerates and removes it, each with the proof in its first request', async () => {
    const accountId = await signedIn(core, server, account);
    const before = await call(core, 'security.accessTokens', { accountId });
    expect(before).toMatchObject({ available: true, notAllowed: false, method });
    // The demo seed gives the TOTP and email-2FA accounts a token each; the no-2FA account has none.
    expect(before.tokens.map((t) => t.name)).toEqual(seeded[account]);
    await server.forgetRequests();

    const made = await call(core, 'security.createAccessToken', {
      accountId,
      name: '  ci bot ',
      bypassTwoFactor: true,
      proof: await proofFor(account, accountId),
    });
    expect(made).toMatchObject({ name: 'ci bot', token: expect.stringMatching(/^[\w-]{20,}$/) });
    expect(await servedTo(GENERATE)).toEqual([200]);
    const listed = await call(core, 'security.accessTokens', { accountId });
    expect(listed.tokens).toEqual([
      ...before.tokens,
      { name: 'ci bot', createdAt: expect.any(String), lastTokenPart: made.token.slice(-6), bypassTwoFactor: true },
    ]);

    const again = await call(core, 'security.regenerateAccessToken', {
      accountId,
      name: 'ci bot',
      proof: await proofFor(account, accountId),
    });
    expect(again.token).not.toBe(made.token);
    expect(await servedTo(REGENERATE)).toEqual([200]);
    expect((await call(core, 'security.accessTokens', { accountId })).tokens).toEqual([
      ...before.tokens,
      expect.objectContaining({ name: 'ci bot', lastTokenPart: again.token.slice(-6), bypassTwoFactor: true }),
    ]);

    await call(core, 'security.removeAccessToken', { accountId, name: 'ci bot', proof: await proofFor(account, accountId) });
    expect(await servedTo(REMOVE)).toEqual([200]);
    expect((await call(core, 'security.accessTokens', { accountId })).tokens).toEqual(before.tokens);
    expect((await server.requests()).filter((r) => r.status === 429)).toEqual([]);
  });
});

describe('what the app refuses or explains', () => {
  it('sends nothing without the proof, and says a taken name on the name field', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await server.forgetRequests();
    const unproved = await callFailure(core, 'security.createAccessToken', { accountId, name: 'ci', bypassTwoFactor: false, proof: {} });
    expect(unproved.fields).toEqual({ currentPassword: 'Enter your current password.' });
    expect(await servedTo(GENERATE)).toEqual([]);

    const proof = { currentPassword: demo.plain.password };
    await call(core, 'security.createAccessToken', { accountId, name: 'ci', bypassTwoFactor: false, proof });
    const taken = await callFailure(core, 'security.createAccessToken', { accountId, name: 'ci', bypassTwoFactor: false, proof });
    expect(taken.fields).toEqual({ name: 'You already have a token with this name.' });
    const wrong = await callFailure(core, 'security.removeAccessToken', { accountId, name: 'ci', proof: { currentPassword: 'not-it-9' } });
    expect(wrong.fields).toEqual({ currentPassword: 'Your current password is not right.' });
  });

  it('says the workspace does not allow tokens when the account lacks the permission, and offers nothing', async () => {
    const accountId = await signedIn(core, server, 'plain');
    await server.changeUser(demo.plain.userId, { roles: ['guest'] });
    expect(await call(core, 'security.accessTokens', { accountId })).toEqual({
      accountId,
      available: false,
      reason: 'This workspace does not allow you to use personal access tokens.',
      notAllowed: true,
      method: 'none',
      tokens: [],
    });
    const refused = await callFailure(core, 'security.createAccessToken', {
      accountId,
      name: 'ci',
      bypassTwoFactor: false,
      proof: { currentPassword: demo.plain.password },
    });
    expect(refused.message).toBe('This workspace does not allow you to use personal access tokens.');
  });
});
