import type { AccountManagerApi } from '../../../shared/contract';
import { createSocketApi } from './socketBridge';

declare global {
  interface Window {
    accountManager?: AccountManagerApi;
  }
}

/** Where a store gets the contract API: `getApi` in the app, a fake in tests. */
export type ApiSource = () => AccountManagerApi;

let api: AccountManagerApi | null = null;

/**
 * The contract API, whichever shell we run under: Electron's preload puts it on
 * `window.accountManager`; in a plain browser we open the host's WebSocket instead.
 * Only stores call it (components call store actions).
 */
export function getApi(): AccountManagerApi {
  api ??= window.accountManager ?? createSocketApi(window.location);
  return api;
}
