import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../api/websocket-client';
import { createStores } from './stores';
import { CONVERSATION, endOf, FakeApi, message, provider, settle, setup } from './test-support';

describe('the stores together', () => {
  it('loads once when the connection first opens, and catches up after a reconnect', async () => {
    const api = new FakeApi({ 'provider.list': () => [provider], 'conversation.list': () => [] });
    const listeners = new Set<(status: ConnectionStatus) => void>();
    const connection = {
      status: 'connecting' as ConnectionStatus,
      everOpened: false,
      onStatus(listener: (status: ConnectionStatus) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const to = (status: ConnectionStatus) => {
      connection.status = status;
      if (status === 'open') connection.everOpened = true;
      for (const listener of listeners) listener(status);
    };
    const stores = createStores(api, { connection, scheduleFrame: (run) => run() });
    stores.start();
    to('open');
    await settle();
    const lists = () => api.calls.filter((c) => c.method === 'conversation.list' || c.method === 'provider.list').length;
    expect(lists()).toBe(2);
    to('reconnecting');
    to('open');
    await settle();
    expect(lists()).toBe(4);
    expect(stores.status.state.connection).toBe('open');
  });

  it('names the conversation a reply finished in when it is not the one on screen', async () => {
    const { api, stores } = setup({ 'conversation.list': () => [{ id: CONVERSATION, title: 'Plans', createdAt: 1, updatedAt: 1 }] });
    await settle();
    api.emit('stream.end', endOf(message({ status: 'done', content: 'Done.' })));
    expect(stores.status.state.announcement?.text).toBe('Reply finished in “Plans”.');
  });

  it('shows the restored data after a backup is restored', async () => {
    const { api } = setup({});
    await settle();
    const before = api.calls.length;
    api.emit('backup.restored', { name: 'backup.sqlite', path: 'backups/backup.sqlite', kind: 'manual', createdAt: 1, bytes: 1 });
    await settle();
    expect(api.calls.slice(before).map((c) => c.method).sort()).toEqual(['conversation.list', 'provider.list', 'sync.status', 'vault.status']);
  });

  it('stops following the core once stopped', async () => {
    const api = new FakeApi({ 'provider.list': () => [provider], 'conversation.list': () => [] });
    const stores = createStores(api, { scheduleFrame: (run) => run() });
    const stop = stores.start();
    await settle();
    stop();
    api.emit('stream.end', endOf(message({ status: 'done' })));
    expect(stores.status.state.announcement).toBeNull();
  });
});
