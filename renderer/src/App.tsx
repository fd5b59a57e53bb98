import { useEffect } from 'react';
import { ConfirmDialog } from './components/ConfirmDialog';
import { Navigation } from './components/Navigation';
import { NetworkPromptDialog } from './components/NetworkPromptDialog';
import { ActivityScreen } from './screens/ActivityScreen';
import { AboutScreen } from './screens/AboutScreen';
import { AddServerScreen } from './screens/AddServerScreen';
import { HomeScreen } from './screens/HomeScreen';
import { PeopleScreen } from './screens/PeopleScreen';
import { SecurityScreen } from './screens/SecurityScreen';
import { SignInScreen } from './screens/SignInScreen';
import { followAppCommands } from './commands/appCommands';
import { activeAccount, followAccountChanges, useAccounts } from './stores/accountsStore';
import { followAvatarChanges } from './stores/avatarStore';
import { followConnectivity, useConnectivity } from './stores/connectivityStore';
import { followDirectoryChanges } from './stores/directoryStore';
import { followNetwork } from './stores/networkStore';
import { followSyncChanges } from './stores/outboxStore';
import { followProfileChanges } from './stores/profileStore';
import { useUi } from './stores/uiStore';

export function App() {
  const { screen, signIn, leaving, confirmLeave, cancelLeave } = useUi();
  const unsaved = useUi((state) => state.unsaved);
  const loadAccounts = useAccounts((state) => state.load);
  const loadConnectivity = useConnectivity((state) => state.load);
  const active = useAccounts(activeAccount);

  useEffect(() => {
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
    ];
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
      <Navigation />
      <main className="content" id="main" tabIndex={-1}>
        {screen === 'home' && <HomeScreen />}
        {screen === 'people' &&
          (active ? (
            <PeopleScreen key={active.id} accountId={active.id} />
          ) : (
            <p>Add an account first: people are looked up on its server.</p>
          ))}
        {screen === 'activity' &&
          (active ? (
            <ActivityScreen key={active.id} accountId={active.id} />
          ) : (
            <p>Add an account first: its edits and their history show here.</p>
          ))}
        {screen === 'security' &&
          (active ? (
            <SecurityScreen key={active.id} accountId={active.id} serverId={active.serverId} />
          ) : (
            <p>Add an account first: its security settings show here.</p>
          ))}
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
