// Two devices (two cores, two data folders) and one real team server, on SQLite
// and on PostgreSQL: signing in through the loopback with a browser stand-in,
// changes going both ways, offline edits merging, token rotation, a reused
// refresh token signing the device out, and signing out revoking the device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import type { SyncStatus } from '../../../src-shared/api/methods/sync';
import { userMessage } from '../store/testing';
import { eventually, openDevice, type Device } from './testing/device';
import { DIALECTS, networkLink, signInWithBrowser, startTeamServer, type NetworkLink, type TeamServer } from './testing/team-server';

const EMAIL = 'ada@example.com';
const PASSWORD = 'a long enough password';

const synced = (status: SyncStatus) => status.status.state === 'synced' && status.account !== null;

async function signIn(device: Device, serverUrl: string): Promise<SyncStatus> {
  await device.call('sync.configure', { serverUrl });
  const { url, opened } = await device.call('sync.signIn', { language: 'de' });
  expect(opened).toBe(false);
  const landed = await signInWithBrowser(url, EMAIL, PASSWORD);
  expect(landed.status).toBe(200);
  // The page the browser lands on is in the app's language.
  expect(landed.text).toContain('Du kannst diesen Tab schließen');
  return device.waitForStatus(synced);
}

describe.each(DIALECTS)('the sync client against a %s server', (dialect) => {
  let server: TeamServer;
  let link: NetworkLink;
  let a: Device;
  let b: Device;

  beforeAll(async () => {
    server = await startTeamServer(dialect);
    await server.createAdmin(EMAIL, PASSWORD);
    link = await networkLink(server.url);
    [a, b] = await Promise.all([openDevice(), openDevice()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await link?.close();
    await server?.stop();
  }, 60_000);

  it('signs both devices in through the loopback, and what A had before signing in reaches B', async () => {
    const before = await a.store.createConversation({ id: uuidv7(), title: 'Written before signing in' });
    await a.store.insertMessage(userMessage(before.id, null, 'offline thoughts about Lisbon'));

    const statusA = await signIn(a, server.url);
    expect(statusA.account).toEqual({ email: EMAIL, name: 'ada' });
    expect(statusA.device?.name).toBeTruthy();
    // B reaches the server through a link the test can cut.
    await signIn(b, link.url);

    const seen = await eventually(async () => (await b.store.getConversation(before.id)) ?? undefined, 20_000, 'A’s conversation on B');
    expect(seen.messages.map((m) => m.content)).toEqual(['offline thoughts about Lisbon']);
    expect((await b.store.search({ text: 'lisbon' })).hits).toHaveLength(1);
    // Tokens are in the vault, nowhere in what the renderer can read.
    const credentials = await a.credentials();
    expect(credentials?.refreshToken).toBeTruthy();
    expect(JSON.stringify(await a.call('sync.status', {}))).not.toContain(credentials!.accessToken);
    expect(JSON.stringify(await a.call('vault.list', {}))).not.toContain('team-sync');
  }, 120_000);

  it('brings a change made on A to B without asking (the server’s WebSocket says when)', async () => {
    const conversation = await a.store.createConversation({ id: uuidv7(), title: 'Live' });
    a.core.sync.nudge();
    await eventually(async () => (await b.store.getConversation(conversation.id)) ?? undefined, 20_000, 'the new conversation on B');
    await a.call('conversation.update', { id: conversation.id, title: 'Live, renamed' });
    await eventually(
      async () => ((await b.store.getConversation(conversation.id))?.conversation.title === 'Live, renamed' ? true : undefined),
      20_000,
      'the rename on B',
    );
  }, 60_000);

  it('keeps both edits when B renames offline while A tags, and says B is offline with its changes waiting', async () => {
    const { id } = await a.store.createConversation({ id: uuidv7(), title: 'Plans' });
    a.core.sync.nudge();
    await eventually(async () => (await b.store.getConversation(id)) ?? undefined, 20_000, 'the conversation on B');

    await link.cut();
    await b.call('conversation.update', { id, title: 'Plans for the summer' });
    const offline = await b.waitForStatus((s) => s.status.state === 'offline');
    expect(offline.status).toMatchObject({ state: 'offline' });
    expect(offline.waiting).toBeGreaterThan(0);

    await a.call('conversation.update', { id, tags: ['travel'] });
    await a.call('sync.now', {});
    await link.restore();
    await b.call('sync.now', {});
    await a.call('sync.now', {});

    for (const device of [a, b]) {
      const found = await eventually(async () => {
        const details = (await device.store.getConversation(id))?.conversation;
        return details?.title === 'Plans for the summer' && details.tags.includes('travel') ? details : undefined;
      }, 20_000, 'both edits on both devices');
      expect(found).toMatchObject({ title: 'Plans for the summer', tags: ['travel'] });
    }
  }, 90_000);

  it('rotates the refresh token, and a reused one signs the device out with a clear status', async () => {
    const first = (await a.credentials())!;
    await a.core.sync.refreshTokens();
    const second = (await a.credentials())!;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    await a.call('sync.now', {});

    // Someone presents the used token (a copied credential): the server signs the device out.
    const stolen = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refreshToken }).toString(),
    });
    expect(stolen.status).toBe(400);
    await expect(a.core.sync.refreshTokens()).rejects.toMatchObject({ code: 'sync.signed_out' });
    const status = await a.waitForStatus((s) => s.status.state === 'error');
    expect(status).toMatchObject({ account: null, status: { state: 'error', error: { code: 'sync.signed_out' } } });
    expect(await a.credentials()).toBeNull();
    // Local data stays.
    expect((await a.store.listConversations(100)).length).toBeGreaterThan(0);
  }, 60_000);

  it('signs out by revoking the device on the server, keeping the personal data and removing the shared copies', async () => {
    const credentials = (await b.credentials())!;
    const conversations = (await b.store.listConversations(100)).length;
    const status = await b.call('sync.signOut', { removeSharedCopies: true });
    expect(status).toMatchObject({ account: null, status: { state: 'signed-out' } });
    expect(await b.credentials()).toBeNull();
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${credentials.accessToken}`, 'RealMultiLLM-Protocol': '1' } });
    expect(me.status).toBe(401);
    expect((await b.store.listConversations(100)).length).toBe(conversations);
  }, 60_000);
});
