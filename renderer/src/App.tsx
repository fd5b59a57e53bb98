import { useEffect } from 'react';
import { Navigation } from './components/Navigation';
import { AboutScreen } from './screens/AboutScreen';
import { AddServerScreen } from './screens/AddServerScreen';
import { HomeScreen } from './screens/HomeScreen';
import { PeopleScreen } from './screens/PeopleScreen';
import { SignInScreen } from './screens/SignInScreen';
import { activeAccount, followAccountChanges, useAccounts } from './stores/accountsStore';
import { followConnectivity, useConnectivity } from './stores/connectivityStore';
import { followProfileChanges } from './stores/profileStore';
import { useUi } from './stores/uiStore';

export function App() {
  const { screen, signIn } = useUi();
  const loadAccounts = useAccounts((state) => state.load);
  const active = useAccounts(activeAccount);

  useEffect(() => {
    void loadAccounts();
    const stopAccounts = followAccountChanges();
    const stopProfiles = followProfileChanges();
    const stopConnectivity = followConnectivity();
    void useConnectivity.getState().load();
    return () => {
      stopAccounts();
      stopProfiles();
      stopConnectivity();
    };
  }, [loadAccounts]);

  return (
    <div className="app-shell">
      <Navigation />
      <main className="content" id="main" tabIndex={-1}>
        {screen === 'home' && <HomeScreen />}
        {screen === 'people' &&
          (active ? <PeopleScreen key={active.id} accountId={active.id} /> : <p>Add an account first: people are looked up on its server.</p>)}
        {screen === 'add-server' && <AddServerScreen />}
        {screen === 'sign-in' && signIn && <SignInScreen key={`${signIn.serverId}:${signIn.user ?? ''}`} target={signIn} />}
        {screen === 'about' && <AboutScreen />}
      </main>
    </div>
  );
}
