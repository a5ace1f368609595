// Entry point: pick the transport, start the controllers, apply theme and
// language before the first paint, render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from './api/transport';
import { App } from './components/App';
import { MissingTokenPage } from './components/MissingTokenPage';
import { pickLanguage, setLanguage } from './i18n';
import { applyTheme } from './shell/theme';
import { AppController } from './state/app-store';
import { ControllerProvider } from './state/context';
import { UiController, storedLanguage, storedTheme } from './state/ui-store';
import './styles.css';

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
  const ui = new UiController(storage, { language });
  const controller = new AppController(transport.api, {
    connection: transport.connection,
    storage,
    ui,
  });
  controller.start();
  // What toasts do when they go (onExpire) happens now rather than never.
  window.addEventListener('pagehide', () => ui.flushToasts());
  root.render(
    <StrictMode>
      <ControllerProvider controller={controller} ui={ui} api={transport.api}>
        <App />
      </ControllerProvider>
    </StrictMode>,
  );
}
