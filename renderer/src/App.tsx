import { lazy, Suspense, useEffect } from 'react';
import { ConfirmDialog } from './components/ConfirmDialog';
import { ConnectivityBanners } from './components/ConnectivityBanners';
import { AccountDeletedNotice } from './components/DeleteAccountSection';
import { HostLostBanner } from './components/HostLostBanner';
import { Navigation } from './components/Navigation';
import { ScreenHeading } from './components/ScreenHeading';
import { NetworkPromptDialog } from './components/NetworkPromptDialog';
import { ActivityScreen } from './screens/ActivityScreen';
import { AboutScreen } from './screens/AboutScreen';
import { AddServerScreen } from './screens/AddServerScreen';
import { HomeScreen } from './screens/HomeScreen';
import { PeopleScreen } from './screens/PeopleScreen';
import { PreferencesScreen } from './screens/PreferencesScreen';
import { SignInScreen } from './screens/SignInScreen';
import { useHostLink } from './bridge/hostLink';
import { followAppCommands } from './commands/appCommands';
import { followShortcuts } from './commands/shortcuts';
import { activeAccount, followAccountChanges, useAccounts } from './stores/accountsStore';
import { followAvatarChanges } from './stores/avatarStore';
import { followConnectivity, useConnectivity } from './stores/connectivityStore';
import { followDirectoryChanges } from './stores/directoryStore';
import { followNetwork } from './stores/networkStore';
import { followSyncChanges } from './stores/outboxStore';
import { followProfileChanges } from './stores/profileStore';
import { followActions } from './stores/momentStore';
import { useUi } from './stores/uiStore';

// The Security screen and its sections load when first opened: they are most of the window's
// code that no start needs (the start's JavaScript is a benchmark, P3).
const SecurityScreen = lazy(() => import('./screens/SecurityScreen').then((loaded) => ({ default: loaded.SecurityScreen })));

export function App() {
  const { screen, signIn, leaving, confirmLeave, cancelLeave } = useUi();
  const unsaved = useUi((state) => state.unsaved);
  const loadAccounts = useAccounts((state) => state.load);
  const loadConnectivity = useConnectivity((state) => state.load);
  const active = useAccounts(activeAccount);
  const hostLost = useHostLink().state === 'lost';

  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadAccounts();
    const stops = [
      followAccountChanges(),
      followProfileChanges(),
      followConnectivity(),
      followSyncChanges(),
      followAvatarChanges(),
      followDirectoryChanges(),
      followAppCommands(),
      followNetwork(),
      followActions(),
      // The desktop menu carries the shortcuts in Electron; elsewhere the window listens for them.
      ...(window.accountManager ? [] : [followShortcuts()]),
    ];
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    void loadConnectivity();
    return () => stops.forEach((stop) => stop());
  }, [loadAccounts, loadConnectivity]);

  // Closing the window or reloading with unsaved edits asks too.
  useEffect(() => {
    if (!unsaved) return undefined;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Navigation />
      <main className="content" id="main" tabIndex={-1}>
        {/* A lost link outranks servers that cannot be reached: the tab no longer hears about them. */}
        {hostLost ? <HostLostBanner /> : <ConnectivityBanners />}
        <AccountDeletedNotice />
        {screen === 'home' && <HomeScreen key={active?.id ?? 'no-account'} />}
        {screen === 'people' &&
          (active ? (
            <PeopleScreen key={active.id} accountId={active.id} serverId={active.serverId} serverName={active.serverName} />
          ) : (
            <NoAccountYet what="people are looked up on its server" />
          ))}
        {screen === 'activity' &&
          (active ? (
            <ActivityScreen key={active.id} accountId={active.id} serverName={active.serverName} />
          ) : (
            <NoAccountYet what="its edits and their history show here" />
          ))}
        {screen === 'security' &&
          (active ? (
            <Suspense fallback={<p role="status">Opening Security…</p>}>
              <SecurityScreen key={active.id} accountId={active.id} serverId={active.serverId} />
            </Suspense>
          ) : (
            <NoAccountYet what="its security settings show here" />
          ))}
        {screen === 'preferences' &&
          (active ? <PreferencesScreen key={active.id} accountId={active.id} /> : <NoAccountYet what="its preferences show here" />)}
        {screen === 'add-server' && <AddServerScreen />}
        {screen === 'sign-in' && signIn && <SignInScreen key={`${signIn.serverId}:${signIn.user ?? ''}`} target={signIn} />}
        {screen === 'about' && <AboutScreen />}
      </main>
      <ConfirmDialog
        open={leaving !== null}
        title="Discard unsaved changes?"
        message="Your profile edits are not saved yet. Leave without saving them?"
        confirmLabel="Discard changes"
        onCancel={cancelLeave}
        onConfirm={confirmLeave}
      />
      <NetworkPromptDialog />
    </div>
  );
}

const titles = {
  'people are looked up on its server': 'People',
  'its edits and their history show here': 'Activity',
  'its security settings show here': 'Security',
  'its preferences show here': 'Preferences',
} as const;

/** A screen that needs an account, before there is one: its title, and the way to add one. */
function NoAccountYet({ what }: { what: keyof typeof titles }) {
  const show = useUi((state) => state.show);
  return (
    <section aria-labelledby="empty-title" className="screen narrow">
      <ScreenHeading id="empty-title">{titles[what]}</ScreenHeading>
      <p>Add an account first: {what}.</p>
      <button type="button" onClick={() => show('add-server')}>
        Add a server
      </button>
    </section>
  );
}
