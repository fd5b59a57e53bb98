import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { canReachCore } from './bridge/api';
import { OpenTheAppScreen } from './screens/OpenTheAppScreen';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // Read first: the browser host's secret leaves the address bar now (bridge/hostSecret.ts).
  const reachable = canReachCore();
  createRoot(root).render(<StrictMode>{reachable ? <App /> : <OpenTheAppScreen />}</StrictMode>);
}
