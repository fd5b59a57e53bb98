import { Avatar } from '../components/Avatar';
import { AvatarChanger } from '../components/AvatarChanger';
import { ProfilePanel } from '../components/ProfilePanel';
import { activeAccount, useAccounts } from '../stores/accountsStore';
import { useProfiles } from '../stores/profileStore';
import { useUi } from '../stores/uiStore';

export function HomeScreen() {
  const { show, startSignIn } = useUi();
  const accounts = useAccounts();
  const account = activeAccount(accounts);
  const avatarETag = useProfiles((state) => (account ? state.views[account.id]?.profile?.avatarETag : undefined));

  if (!accounts.loaded) {
    return <p aria-live="polite">Loading your accounts…</p>;
  }

  if (!account) {
    return (
      <section aria-labelledby="home-title" className="screen narrow">
        <h1 id="home-title">Welcome to Account Manager</h1>
        <p className="lead">
          Keep your accounts on Rocket.Chat servers in one place: sign in once, keep your profile readable offline, and edit it from
          anywhere.
        </p>
        <button type="button" onClick={() => show('add-server')}>
          Add a server
        </button>
      </section>
    );
  }

  const name = account.displayName ?? account.username;
  return (
    <section aria-labelledby="home-title" className="screen">
      <div className="identity">
        <Avatar accountId={account.id} username={account.username} etag={avatarETag} name={name} size="large" />
        <div>
          <h1 id="home-title">{name}</h1>
          <p className="lead">
            @{account.username} on {account.serverName}
          </p>
          {account.state !== 'signed-out' && (
            <AvatarChanger accountId={account.id} serverId={account.serverId} serverName={account.serverName} />
          )}
        </div>
      </div>
      {account.state === 'signed-out' && (
        <div className="notice" role="status" data-testid="signed-out-banner">
          <p>You are signed out of this account. What the app keeps of it stays readable here.</p>
          <button
            type="button"
            onClick={() =>
              startSignIn({
                serverId: account.serverId,
                serverName: account.serverName,
                serverUrl: account.serverUrl,
                user: account.username,
              })
            }
          >
            Sign in again
          </button>
        </div>
      )}
      {account.state === 'session-only' && (
        <p className="notice" role="status">
          This session is not remembered: the system keychain was unavailable. You will sign in again after quitting the app.
        </p>
      )}
      <ProfilePanel accountId={account.id} serverId={account.serverId} serverName={account.serverName} />
    </section>
  );
}
