// P3's floor: the least a React 19 window loads — createRoot rendering one line — built with
// the app's renderer settings (floor.config.ts).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode>Account Manager</StrictMode>);
