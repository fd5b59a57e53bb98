import { Avatar } from '../components/Avatar';
import { AvatarChanger } from '../components/AvatarChanger';
import { KnownServers } from '../components/KnownServers';
import { Notice } from '../components/Notice';
import { PasswordChangeRequest } from '../components/PasswordChangeRequest';
import { ProfilePanel } from '../components/ProfilePanel';
import { ScreenHeading } from '../components/ScreenHeading';
import { activeAccount, useAccounts } from '../stores/accountsStore';
import { useProfiles } from '../stores/profileStore';
import { useServers } from '../stores/serversStore';
import { useUi } from '../stores/uiStore';

export function HomeScreen() {
  const { show, startSignIn } = useUi();
  const accounts = useAccounts();
  const account = activeAccount(accounts);
  const ended = useAccounts((state) => (account ? state.endedSessions[account.id] : undefined));
  const profile = useProfiles((state) => (account ? state.views[account.id]?.profile : undefined));
  const knownServers = useServers((state) => state.servers.length);

  if (!accounts.loaded) {
    return <p aria-live="polite">Loading your accounts…</p>;
  }

  if (!account) {
    return (
      <section aria-labelledby="home-title" className="screen narrow">
        <ScreenHeading id="home-title">Welcome to Account Manager</ScreenHeading>
        <p className="lead">
          Keep your accounts on Rocket.Chat servers in one place: sign in once, keep your profile readable offline, and edit it from
          anywhere.
        </p>
        <KnownServers title="Sign in to a server you know" primary />
        <div className="actions">
          <button type="button" className={knownServers > 0 ? 'secondary' : undefined} onClick={() => show('add-server')}>
            Add a server
          </button>
        </div>
      </section>
    );
  }

  const name = account.displayName ?? account.username;
  return (
    <section aria-labelledby="home-title" className="screen">
      <div className="identity">
        <Avatar accountId={account.id} username={account.username} etag={profile?.avatarETag} name={name} size="large" />
        <div className="identity-text">
          <ScreenHeading id="home-title">{name}</ScreenHeading>
          <p className="lead">
            @{account.username} on {account.serverName}
          </p>
          {account.state !== 'signed-out' && <AvatarChanger accountId={account.id} serverId={account.serverId} />}
        </div>
      </div>
      {account.state === 'signed-out' && (
        <div className="notice warning signed-out" role="status" data-testid="signed-out-banner">
          <p>{ended ?? 'You are signed out of this account.'} What the app keeps of it stays readable here.</p>
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
        <Notice tone="info">
          This session is not remembered: the system keychain was unavailable. You will sign in again after quitting the app.
        </Notice>
      )}
      {account.state !== 'signed-out' && profile?.requirePasswordChange && (
        <PasswordChangeRequest reason={profile.requirePasswordChangeReason} />
      )}
      <ProfilePanel
        accountId={account.id}
        serverId={account.serverId}
        serverName={account.serverName}
        signedOut={account.state === 'signed-out'}
      />
    </section>
  );
}
