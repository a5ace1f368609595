import { describe, expect, it } from 'vitest';
import type { SyncSpace, SyncStatus } from '../../src-shared/api/methods/sync';
import { plausibleServerUrl, syncStateText } from './sync-store';
import { settle, setup } from './test-support';

const PERSONAL = '01890000-0000-7000-8000-0000000000c1';
const TEAM = '01890000-0000-7000-8000-0000000000c2';

function status(state: SyncStatus['status'], overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    serverUrl: 'https://sync.example.com',
    account: { email: 'ada@example.com', name: 'Ada' },
    device: { id: 'd1', name: 'Laptop' },
    signingIn: null,
    waiting: 0,
    lastSyncedAt: null,
    status: state,
    ...overrides,
  };
}

const spaces: SyncSpace[] = [
  { id: PERSONAL, name: 'Ada', kind: 'personal', role: 'owner', synced: true, conversations: 3 },
  { id: TEAM, name: 'Research', kind: 'shared', role: 'editor', synced: true, conversations: 1 },
];

describe('SyncStore', () => {
  it('accepts only http(s) addresses with a host and no credentials', () => {
    expect(plausibleServerUrl('https://sync.example.com')).toBe(true);
    expect(plausibleServerUrl(' http://127.0.0.1:8787 ')).toBe(true);
    expect(plausibleServerUrl('sync example com')).toBe(false);
    expect(plausibleServerUrl('ftp://sync.example.com')).toBe(false);
    expect(plausibleServerUrl('https://ada:secret@sync.example.com')).toBe(false);
  });

  it('says each state in a few words, nothing while sync is off', () => {
    expect(syncStateText(null)).toBeNull();
    expect(syncStateText(status({ state: 'off' }, { serverUrl: null, account: null }))).toBeNull();
    expect(syncStateText(status({ state: 'synced', at: 1 }))).toBe('Synced');
    expect(syncStateText(status({ state: 'syncing', done: 40, total: 200 }))).toBe('Syncing 40 of 200');
    expect(syncStateText(status({ state: 'syncing', done: 0, total: 0 }, { waiting: 3 }))).toBe('Syncing 3 changes');
    expect(syncStateText(status({ state: 'offline', waiting: 1 }))).toBe('Offline, 1 change waiting');
    expect(syncStateText(status({ state: 'offline', waiting: 0 }))).toBe('Offline');
    expect(syncStateText(status({ state: 'error', error: { code: 'sync.clock_ahead', message: 'm', params: { device: 'Laptop', seconds: 400 } } }))).toBe(
      'Sync needs attention',
    );
  });

  it('follows sync.status events and loads the spaces when an account signs in', async () => {
    const { api, stores } = setup({
      'sync.status': () => status({ state: 'signed-out' }, { account: null, device: null }),
      'sync.spaces': () => spaces,
    });
    await settle();
    expect(stores.sync.state.status?.status.state).toBe('signed-out');
    expect(api.called('sync.spaces')).toHaveLength(0);

    api.emit('sync.status', status({ state: 'synced', at: 5 }));
    await settle();
    expect(api.called('sync.spaces')).toHaveLength(1);
    expect(stores.sync.sharedSpaceOf(TEAM)?.name).toBe('Research');
    expect(stores.sync.sharedSpaceOf(PERSONAL)).toBeNull();

    // Another status of the same account does not ask again; signing out forgets the spaces.
    api.emit('sync.status', status({ state: 'offline', waiting: 2 }));
    await settle();
    expect(api.called('sync.spaces')).toHaveLength(1);
    api.emit('sync.status', status({ state: 'signed-out' }, { account: null, device: null }));
    expect(stores.sync.state.spaces).toEqual([]);
  });

  it('shows a chosen space at once and puts the box back when the core refuses', async () => {
    let refuse = false;
    const { api, stores } = setup({
      'sync.status': () => status({ state: 'synced', at: 5 }),
      'sync.spaces': () => spaces.map((space) => (space.kind === 'shared' ? { ...space, synced: false } : space)),
      'sync.setSpaces': async () => {
        await settle();
        if (refuse) throw new Error('refused');
        return spaces;
      },
    });
    await settle();
    await settle();
    expect(stores.sync.state.spaces.find((space) => space.id === TEAM)?.synced).toBe(false);
    const saving = stores.sync.setSpaces([TEAM]);
    expect(stores.sync.state.spaces.find((space) => space.id === TEAM)?.synced).toBe(true);
    await saving;
    expect(api.called('sync.setSpaces')).toEqual([{ method: 'sync.setSpaces', input: { spaces: [TEAM] } }]);

    refuse = true;
    await expect(stores.sync.setSpaces([])).rejects.toThrow('refused');
    expect(stores.sync.state.spaces.find((space) => space.id === TEAM)?.synced).toBe(true);
  });
});
