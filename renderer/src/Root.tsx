import { useSyncExternalStore } from 'react';
import { App } from './App';
import { currentHostLink, subscribeHostLink } from './bridge/hostLink';
import { HostRefusedScreen } from './screens/HostRefusedScreen';

/** The app, unless the browser host turned this tab away: then why, and how to open it again. */
export function Root() {
  const link = useSyncExternalStore(subscribeHostLink, currentHostLink);
  return link.state === 'refused' ? <HostRefusedScreen hostRunning={link.hostRunning} /> : <App />;
}
