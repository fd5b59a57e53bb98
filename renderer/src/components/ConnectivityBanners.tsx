import { activeAccount, useAccounts } from '../stores/accountsStore';
import { useConnectivity } from '../stores/connectivityStore';
import { useProfiles } from '../stores/profileStore';

/**
 * The one message about a server the app cannot reach, app-wide: one banner per such
 * server with a signed-in account, on every screen, gone as soon as the server answers.
 * Other screens do not repeat it; they only disable what needs the server.
 */
export function ConnectivityBanners() {
  const { accounts } = useAccounts();
  const active = useAccounts(activeAccount);
  const online = useConnectivity((state) => state.online);
  const asOf = useProfiles((state) => (active ? (state.views[active.id]?.fetchedAt ?? null) : null));
  const servers = new Map(
    accounts
      .filter((account) => account.state !== 'signed-out' && online[account.serverId] === false)
      .map((account) => [account.serverId, account.serverName]),
  );
  if (servers.size === 0) return null;
  return (
    <div className="banners">
      {[...servers].map(([serverId, serverName]) => (
        <p key={serverId} className="offline-banner" role="status" data-testid="offline-banner">
          <strong>Can’t reach {serverName}.</strong>{' '}
          {active?.serverId === serverId &&
            (asOf ? `Showing what was saved on ${new Date(asOf).toLocaleString()}. ` : 'Nothing was saved from it yet. ')}
          Edits are kept on this computer and sent when it is back; avatar and security changes wait for it. The app keeps trying.
        </p>
      ))}
    </div>
  );
}
