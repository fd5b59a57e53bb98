import { lazy, Suspense, useEffect } from 'react';
import { ConfirmDialog } from './components/ConfirmDialog';
import { ConnectivityBanners } from './components/ConnectivityBanners';
import { AccountDeletedNotice } from './components/AccountDeletedNotice';
import { HostLostBanner } from './components/HostLostBanner';
import { Navigation } from './components/Navigation';
import { ScreenHeading } from './components/ScreenHeading';
import { NetworkPromptDialog } from './components/NetworkPromptDialog';
import { HomeScreen } from './screens/HomeScreen';
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
import { useUi, type Screen } from './stores/uiStore';

// Every screen but Home loads when first opened, with what only it shows: Security (and its QR
// code), People's directory list, sign-in with single sign-on, the certificate decision of
// adding a server. The start's JavaScript is a benchmark (P3, docs/decisions.md D114).
const SecurityScreen = lazy(() => import('./screens/SecurityScreen').then((loaded) => ({ default: loaded.SecurityScreen })));
const PeopleScreen = lazy(() => import('./screens/PeopleScreen').then((loaded) => ({ default: loaded.PeopleScreen })));
const ActivityScreen = lazy(() => import('./screens/ActivityScreen').then((loaded) => ({ default: loaded.ActivityScreen })));
const PreferencesScreen = lazy(() => import('./screens/PreferencesScreen').then((loaded) => ({ default: loaded.PreferencesScreen })));
const AddServerScreen = lazy(() => import('./screens/AddServerScreen').then((loaded) => ({ default: loaded.AddServerScreen })));
const SignInScreen = lazy(() => import('./screens/SignInScreen').then((loaded) => ({ default: loaded.SignInScreen })));
const AboutScreen = lazy(() => import('./screens/AboutScreen').then((loaded) => ({ default: loaded.AboutScreen })));
const screenNames = {
  home: 'Home',
  people: 'People',
  activity: 'Activity',
  security: 'Security',
  preferences: 'Preferences',
  'add-server': 'Add a server',
  'sign-in': 'Sign in',
  about: 'About',
} satisfies Record<Screen, string>;

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
        {/* A screen's code arrives in a moment the first time; meanwhile the window says which is opening. */}
        <Suspense fallback={<p role="status">Opening {screenNames[screen]}…</p>}>
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
              <SecurityScreen key={active.id} accountId={active.id} serverId={active.serverId} />
            ) : (
              <NoAccountYet what="its security settings show here" />
            ))}
          {screen === 'preferences' &&
            (active ? <PreferencesScreen key={active.id} accountId={active.id} /> : <NoAccountYet what="its preferences show here" />)}
          {screen === 'add-server' && <AddServerScreen />}
          {screen === 'sign-in' && signIn && <SignInScreen key={`${signIn.serverId}:${signIn.user ?? ''}`} target={signIn} />}
          {screen === 'about' && <AboutScreen />}
        </Suspense>
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
