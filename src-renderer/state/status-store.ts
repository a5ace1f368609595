// What the window says about the app itself: problems shown above the chat until
// dismissed, what the polite live region said last, and the connection to the
// core (the browser host's WebSocket; Electron's IPC is always open).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionSource, ConnectionStatus } from '../api/websocket-client';

export interface Notice {
  id: number;
  text: string;
  /** About the conversation that was open: it goes when another one opens. */
  untilSwitch?: boolean;
}

export interface StatusState {
  errors: Notice[];
  /** A reply finished, failed or stopped. */
  announcement: Notice | null;
  connection: ConnectionStatus;
  everConnected: boolean;
}

export class StatusStore {
  readonly store: StoreApi<StatusState>;
  private noticeSeq = 0;

  constructor(private readonly connection: ConnectionSource | null = null) {
    this.store = createStore<StatusState>()(() => ({
      errors: [],
      announcement: null,
      connection: connection?.status ?? 'open',
      everConnected: connection?.everOpened ?? true,
    }));
  }

  get state(): StatusState {
    return this.store.getState();
  }

  /** Shows a problem once, however often it happens; `untilSwitch`: only while the user stays where it happened. */
  pushError(text: string, { untilSwitch = false }: { untilSwitch?: boolean } = {}): void {
    this.store.setState((s) =>
      s.errors.some((error) => error.text === text) ? {} : { errors: [...s.errors, { id: ++this.noticeSeq, text, ...(untilSwitch && { untilSwitch }) }] },
    );
  }

  /** Another conversation took the screen: problems about the one before no longer apply. */
  dismissSwitchErrors(): void {
    this.store.setState((s) => (s.errors.some((error) => error.untilSwitch) ? { errors: s.errors.filter((error) => !error.untilSwitch) } : {}));
  }

  dismissError(id: number): void {
    this.store.setState((s) => ({ errors: s.errors.filter((error) => error.id !== id) }));
  }

  announce(text: string): void {
    this.store.setState({ announcement: { id: ++this.noticeSeq, text } });
  }

  /**
   * Follows the connection; `onReconnect` runs when it opens again after being
   * lost (events sent meanwhile are lost), not at the first connection. Returns the unsubscribe.
   */
  watchConnection(onReconnect: () => void): () => void {
    const connection = this.connection;
    if (!connection) return () => {};
    return connection.onStatus((status) => {
      const { connection: was, everConnected } = this.state;
      this.store.setState({ connection: status, everConnected: connection.everOpened });
      if (status === 'open' && was !== 'open' && everConnected) onReconnect();
    });
  }
}
