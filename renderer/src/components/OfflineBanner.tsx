import { useConnectivity } from '../stores/connectivityStore';

/** Always visible while the active account's server cannot be reached, with the data's age. */
export function OfflineBanner({ serverId, serverName, asOf }: { serverId: string; serverName: string; asOf: string | null }) {
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  if (online) return null;
  return (
    <p className="offline-banner" role="status" data-testid="offline-banner">
      <strong>Offline.</strong> {serverName} cannot be reached right now.{' '}
      {asOf ? `Showing what was saved on ${new Date(asOf).toLocaleString()}.` : 'Nothing was saved from it yet.'} The app keeps trying and
      refreshes by itself when the server is back.
    </p>
  );
}
