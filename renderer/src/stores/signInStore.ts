import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import { getApi, type ApiSource } from '../bridge/api';
import { useAccounts, type AccountsStore } from './accountsStore';

interface SignInState {
  /** Signs in; on success the account list already holds the account when this settles. */
  signIn(request: ChannelRequest<'accounts.signIn'>): Promise<ChannelResult<'accounts.signIn'>>;
  /** Answers the second factor of a sign-in (once: a code is never sent twice by itself). */
  answerTwoFactor(challengeId: string, code: string): Promise<ChannelResult<'accounts.answerTwoFactor'>>;
  sendEmailCode(challengeId: string): Promise<ChannelResult<'accounts.sendEmailCode'>>;
  cancelSignIn(challengeId: string): Promise<ChannelResult<'accounts.cancelSignIn'>>;
}

/**
 * Signing in. Holds nothing itself: passwords and codes stay in the form that typed them
 * and go to the core once; what a sign-in changes lands in the accounts store.
 */
export function createSignInStore(api: ApiSource, accounts: AccountsStore) {
  return create<SignInState>(() => ({
    signIn: (request) => accounts.getState().changeBy(() => api()['accounts.signIn'](request)),
    answerTwoFactor: (challengeId, code) => accounts.getState().changeBy(() => api()['accounts.answerTwoFactor']({ challengeId, code })),
    sendEmailCode: (challengeId) => api()['accounts.sendEmailCode']({ challengeId }),
    cancelSignIn: (challengeId) => api()['accounts.cancelSignIn']({ challengeId }),
  }));
}

export const useSignIn = createSignInStore(getApi, useAccounts);
