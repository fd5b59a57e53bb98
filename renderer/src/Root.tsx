import { App } from './App';
import { useHostLink } from './bridge/hostLink';
import { HostRefusedScreen } from './screens/HostRefusedScreen';

/** The app, unless the browser host turned this tab away: then why, and how to open it again. */
export function Root() {
  const link = useHostLink();
  return link.state === 'refused' ? <HostRefusedScreen hostRunning={link.hostRunning} /> : <App />;
}
