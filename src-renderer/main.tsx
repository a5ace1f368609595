// Entry point: pick the transport, start the controller, render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from './api/transport';
import { App } from './components/App';
import { MissingTokenPage } from './components/MissingTokenPage';
import { AppController } from './state/app-store';
import { ControllerProvider } from './state/context';
import './styles.css';

function localStorageOf(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

const root = createRoot(document.getElementById('root')!);
const transport = pickTransport(window);

if (transport.kind === 'missing-token') {
  root.render(<MissingTokenPage />);
} else {
  const controller = new AppController(transport.api, {
    connection: transport.connection,
    storage: localStorageOf(window),
  });
  controller.start();
  root.render(
    <StrictMode>
      <ControllerProvider controller={controller}>
        <App />
      </ControllerProvider>
    </StrictMode>,
  );
}
