import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../api/websocket-client';
import { StatusStore } from './status-store';

function fakeConnection() {
  const listeners = new Set<(status: ConnectionStatus) => void>();
  const connection = {
    status: 'connecting' as ConnectionStatus,
    everOpened: false,
    onStatus(listener: (status: ConnectionStatus) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    to(status: ConnectionStatus) {
      connection.status = status;
      if (status === 'open') connection.everOpened = true;
      for (const listener of listeners) listener(status);
    },
  };
  return connection;
}

describe('StatusStore', () => {
  it('shows each problem once until it is dismissed', () => {
    const status = new StatusStore();
    status.pushError('The provider failed.');
    status.pushError('The provider failed.');
    expect(status.state.errors.map((e) => e.text)).toEqual(['The provider failed.']);
    status.dismissError(status.state.errors[0]!.id);
    expect(status.state.errors).toEqual([]);
  });

  it('catches up after a reconnect, not at the first connection', () => {
    const connection = fakeConnection();
    const status = new StatusStore(connection);
    let catchUps = 0;
    status.watchConnection(() => catchUps++);
    expect(status.state).toMatchObject({ connection: 'connecting', everConnected: false });
    connection.to('open');
    expect(catchUps).toBe(0);
    connection.to('reconnecting');
    expect(status.state.connection).toBe('reconnecting');
    connection.to('open');
    expect(catchUps).toBe(1);
    expect(status.state).toMatchObject({ connection: 'open', everConnected: true });
  });

  it('is always connected without a connection to follow (Electron)', () => {
    expect(new StatusStore().state).toMatchObject({ connection: 'open', everConnected: true });
  });
});
