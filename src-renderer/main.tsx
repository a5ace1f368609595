// Entry point: pick the transport, start the stores, apply theme and language
// before the first paint, render the app.
// The global styles first: each screen's own styles come after them.
import './styles/base.css';
import './styles/controls.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from './api/transport';
import { App } from './shell/App';
import { MissingTokenPage } from './shell/MissingTokenPage';
import { pickLanguage, setLanguage } from './i18n';
import { applyTheme } from './shell/theme';
import { StoresProvider } from './state/context';
import { storedLanguage, storedTheme } from './state/settings-store';
import { createStores } from './state/stores';

function localStorageOf(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

const storage = localStorageOf(window);
const language = pickLanguage(storedLanguage(storage), navigator.languages ?? [navigator.language]);
setLanguage(language);
applyTheme(storedTheme(storage));

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport(window);

if (transport.kind === 'missing-token') {
  root.render(<MissingTokenPage />);
} else {
  const stores = createStores(transport.api, { connection: transport.connection, storage, language });
  stores.start();
  // What toasts do when they go (onExpire) happens now rather than never.
  window.addEventListener('pagehide', () => stores.ui.flushToasts());
  root.render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
}
