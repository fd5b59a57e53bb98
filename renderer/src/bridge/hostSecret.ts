import { secretFragmentKey } from '../../../shared/socketFrames';

/** Where the browser host's secret is kept for this tab once it has left the address bar. */
const storageKey = 'account-manager.host-secret';

/**
 * The browser host's per-launch secret for this tab. It arrives in the address's fragment
 * (`#secret=…`, never sent to a server); it is moved into this tab's sessionStorage and the
 * fragment is taken out of the address bar at once, so it is not left on screen, in a
 * screenshot or in a shared link. A reload of the tab finds it in sessionStorage.
 * Null when the page was opened without it.
 */
export function takeHostSecret(location: Location, history: History, storage: Storage): string | null {
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get(secretFragmentKey);
  if (fromAddress) {
    storage.setItem(storageKey, fromAddress);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromAddress;
  }
  return storage.getItem(storageKey);
}

/**
 * The app's address pasted into a tab already open on it differs only in its fragment, and
 * a browser does not load the page again for that: nothing would happen. A new secret in
 * the fragment reloads the page instead, which then takes it as on a first load.
 */
export function reloadOnNewSecret(target: Window): void {
  target.addEventListener('hashchange', () => {
    if (new URLSearchParams(target.location.hash.slice(1)).get(secretFragmentKey)) target.location.reload();
  });
}
