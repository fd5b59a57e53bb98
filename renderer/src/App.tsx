import { Navigation } from './components/Navigation';
import { AboutScreen } from './screens/AboutScreen';
import { HomeScreen } from './screens/HomeScreen';
import { useUi } from './stores/uiStore';

export function App() {
  const screen = useUi((state) => state.screen);
  return (
    <div className="app-shell">
      <Navigation />
      <main className="content" id="main" tabIndex={-1}>
        {screen === 'home' && <HomeScreen />}
        {screen === 'about' && <AboutScreen />}
      </main>
    </div>
  );
}
