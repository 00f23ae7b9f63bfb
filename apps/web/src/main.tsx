import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
// Before the app: its first render is already in the visitor's language.
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
