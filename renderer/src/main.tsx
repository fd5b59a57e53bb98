import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { canReachCore } from './bridge/api';
import { reloadOnNewSecret } from './bridge/hostSecret';
import { Root } from './Root';
import { OpenTheAppScreen } from './screens/OpenTheAppScreen';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // Read first: the browser host's secret leaves the address bar now (bridge/hostSecret.ts).
  const reachable = canReachCore();
  reloadOnNewSecret(window);
  createRoot(root).render(<StrictMode>{reachable ? <Root /> : <OpenTheAppScreen />}</StrictMode>);
}
