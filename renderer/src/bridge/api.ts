import type { AccountManagerApi } from '../../../shared/contract';
import { setHostLink } from './hostLink';
import { takeHostSecret } from './hostSecret';
import { createSocketApi } from './socketBridge';

declare global {
  interface Window {
    accountManager?: AccountManagerApi;
  }
}

/** Where a store gets the contract API: `getApi` in the app, a fake in tests. */
export type ApiSource = () => AccountManagerApi;

let api: AccountManagerApi | null = null;
let hostSecret: string | null | undefined;

/**
 * In a plain browser, the browser host's secret for this page (taken out of the address
 * bar on first use); null when the page was opened without it. Under Electron no secret
 * is needed and this is never asked.
 */
export function browserHostSecret(): string | null {
  if (hostSecret === undefined) hostSecret = takeHostSecret(window.location, window.history, window.sessionStorage);
  return hostSecret;
}

/** Whether the contract can be reached at all from this page: under Electron, or with the browser host's secret. */
export function canReachCore(): boolean {
  return Boolean(window.accountManager) || browserHostSecret() !== null;
}

/**
 * The contract API, whichever shell we run under: Electron's preload puts it on
 * `window.accountManager`; in a plain browser we open the host's WebSocket instead.
 * Only stores call it (components call store actions).
 */
export function getApi(): AccountManagerApi {
  api ??= window.accountManager ?? createSocketApi(window.location, browserHostSecret() ?? '', setHostLink);
  return api;
}
