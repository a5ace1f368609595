import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_MAX_CHANGES } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { change, hlcAt } from '../testing/changes';
import { DIALECTS } from '../testing/databases';
import type { ApiErrorBody, Me, PullReply, SpaceSummary } from '../../src-shared/sync/wire';
import { readJson, startTestServer, type TestServer } from '../testing/server';

describe.each(DIALECTS)('push and pull on %s', (dialect) => {
  let server: TestServer;
  let owner: AccountRow;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await server.account('owner@example.com');
    token = (await server.device(owner)).access_token;
  });
  afterAll(() => server?.stop());

  const push = (json: unknown, as = token) => server.call('/api/v1/sync/push', { method: 'POST', token: as, json });
  const errorOf = async (response: Response) => (await readJson<ApiErrorBody>(response)).error;
  const head = async () => (await server.context.database.db.selectFrom('spaces').select('head').where('id', '=', owner.personalSpaceId).executeTakeFirstOrThrow()).head;
  const storedChanges = async () =>
    (await server.context.database.db.selectFrom('changes').select(({ fn }) => fn.countAll<number>().as('n')).where('space_id', '=', owner.personalSpaceId).executeTakeFirstOrThrow()).n;

  it('stores a batch with strictly increasing sequences and pulls it back in order', async () => {
    const before = await head();
    const batch = [change(), change(), change()];
    const response = await push({ space: owner.personalSpaceId, changes: batch });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, seq: before + 3 });
    const pulled = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}&since=${before}`, { token }));
    expect(pulled.changes.map((c) => [c.id, c.seq])).toEqual(batch.map((c, i) => [c.id, before + i + 1]));
    expect(pulled.changes[0]).toMatchObject({ table: 'conversations', row: batch[0]!.row, fields: batch[0]!.fields, hlc: batch[0]!.hlc, deleted: false });
    expect(pulled).toMatchObject({ next: before + 3, more: false });
  });

  it('changes nothing when the same batch is pushed again', async () => {
    const batch = [change(), change()];
    await push({ space: owner.personalSpaceId, changes: batch });
    const [seq, count] = [await head(), await storedChanges()];
    const again = await push({ space: owner.personalSpaceId, changes: batch });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, seq });
    expect([await head(), await storedChanges()]).toEqual([seq, count]);
  });

  it('counts a change repeated inside one batch once', async () => {
    const one = change();
    expect(await (await push({ space: owner.personalSpaceId, changes: [one, one] })).json()).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it('pages a pull with limit, next and more', async () => {
    const since = await head();
    await push({ space: owner.personalSpaceId, changes: [change(), change(), change(), change(), change()] });
    const first = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}&since=${since}&limit=2`, { token }));
    expect(first).toMatchObject({ next: since + 2, more: true });
    const last = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}&since=${since + 4}&limit=2`, { token }));
    expect(last).toMatchObject({ next: since + 5, more: false });
    expect(last.changes).toHaveLength(1);
  });

  describe('refuses bad input with a 4xx and a reason, storing nothing', () => {
    const cases: [string, () => unknown, number, string, Record<string, unknown>?][] = [
      ['an unknown table', () => [change(), change({ table: 'vault_records' })], 400, 'sync.invalid_change', { index: 1 }],
      ['an unknown column', () => [change({ fields: { colour: 'red' } })], 400, 'sync.invalid_change', { index: 0 }],
      ['a column a change never carries', () => [change({ fields: { space_id: 'x' } })], 400, 'sync.invalid_change', { index: 0 }],
      ['a wrong type', () => [change(), change(), change({ fields: { title: 42 } })], 400, 'sync.invalid_change', { index: 2 }],
      ['a null in a required column', () => [change({ fields: { title: null } })], 400, 'sync.invalid_change', { index: 0 }],
      ['a value its CHECK refuses', () => [change({ table: 'messages', fields: { role: 'robot' } })], 400, 'sync.invalid_change', { index: 0 }],
      ['a malformed clock', () => [change(), change({ hlc: 'yesterday' })], 400, 'sync.invalid_change', { index: 1 }],
      ['a change with a key it does not know', () => [{ ...change(), extra: true }], 400, 'sync.invalid_change', { index: 0 }],
      ['a field that is an object', () => [change({ fields: { title: { a: 1 } as never } })], 400, 'sync.invalid_change', { index: 0 }],
      ['an empty batch', () => [], 400, 'request.invalid'],
      ['a batch over the limit', () => Array.from({ length: PUSH_MAX_CHANGES + 1 }, () => change()), 413, 'sync.batch_too_large'],
    ];
    for (const [name, changes, status, code, params] of cases) {
      it(`${name}: ${status} ${code}`, async () => {
        const [seq, count] = [await head(), await storedChanges()];
        const response = await push({ space: owner.personalSpaceId, changes: changes() });
        expect(response.status).toBe(status);
        const error = await errorOf(response);
        expect(error.code).toBe(code);
        expect(error.message.length).toBeGreaterThan(20);
        if (params) expect(error.params).toMatchObject(params);
        expect([await head(), await storedChanges()]).toEqual([seq, count]);
      });
    }

    it('a body over 1 MB: 413 sync.batch_too_large', async () => {
      const big = change({ fields: { title: 'x'.repeat(1100 * 1024) } });
      const response = await push({ space: owner.personalSpaceId, changes: [big] });
      expect(response.status).toBe(413);
      expect((await errorOf(response)).code).toBe('sync.batch_too_large');
    });

    it('malformed JSON: 400 request.bad_json', async () => {
      const response = await server.call('/api/v1/sync/push', { method: 'POST', token, headers: { 'Content-Type': 'application/json' }, body: '{"space": ' });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('request.bad_json');
    });

    it('a body that is not an object: 400 request.invalid', async () => {
      const response = await push([1, 2, 3]);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('request.invalid');
    });

    it('a pull with a limit over 5,000 or a negative cursor: 400', async () => {
      for (const query of ['limit=5001', 'since=-1', 'since=abc', 'space=nope']) {
        const response = await server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}&${query}`, { token });
        expect(response.status, query).toBe(400);
      }
    });

    it('a cursor past the head: 409 sync.cursor_ahead', async () => {
      const response = await server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}&since=999999`, { token });
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('sync.cursor_ahead');
    });
  });

  it('refuses a clock more than 5 minutes ahead with 409, naming the device, and stores nothing of the batch', async () => {
    const [seq, count] = [await head(), await storedChanges()];
    const ahead = change({ hlc: hlcAt(Date.now() + 6 * 60_000, '0123456789abcdef') });
    const response = await push({ space: owner.personalSpaceId, changes: [change(), ahead] });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('sync.clock_ahead');
    expect(error.message).toContain('Test laptop');
    expect(error.message).toMatch(/date and time/);
    expect(error.params).toMatchObject({ index: 1, device: 'Test laptop', node: '0123456789abcdef' });
    expect([await head(), await storedChanges()]).toEqual([seq, count]);
  });

  it('takes a clock up to 5 minutes ahead', async () => {
    const response = await push({ space: owner.personalSpaceId, changes: [change({ hlc: hlcAt(Date.now() + 4 * 60_000) })] });
    expect(response.status).toBe(200);
  });

  describe('roles', () => {
    let stranger: string;
    let viewer: string;
    let shared: string;

    beforeAll(async () => {
      stranger = (await server.device(await server.account('stranger@example.com'))).access_token;
      const viewerAccount = await server.account('viewer@example.com');
      viewer = (await server.device(viewerAccount)).access_token;
      const space = await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token, json: { name: 'Team' } }));
      shared = space.id;
      const added = await server.call(`/api/v1/spaces/${shared}/members`, { method: 'POST', token, json: { email: 'viewer@example.com', role: 'viewer' } });
      expect(added.status).toBe(200);
      await push({ space: shared, changes: [change({ fields: { title: 'Team secret' } })] });
    });

    it('403 for a push or pull into a space the account is not a member of, and nothing read', async () => {
      const pushed = await push({ space: owner.personalSpaceId, changes: [change()] }, stranger);
      expect(pushed.status).toBe(403);
      for (const path of [`/api/v1/sync/pull?space=${shared}`, `/api/v1/sync/snapshot?space=${shared}`]) {
        const response = await server.call(path, { token: stranger });
        expect(response.status).toBe(403);
        const text = await response.text();
        expect(text).not.toContain('Team secret');
        expect(JSON.parse(text).error.code).toBe('sync.forbidden');
      }
    });

    it('a viewer pulls but may not push', async () => {
      const pulled = await server.call(`/api/v1/sync/pull?space=${shared}`, { token: viewer });
      expect(pulled.status).toBe(200);
      expect(JSON.stringify(await pulled.json())).toContain('Team secret');
      const headOf = async () => (await server.context.database.db.selectFrom('spaces').select('head').where('id', '=', shared).executeTakeFirstOrThrow()).head;
      const before = await headOf();
      const pushed = await push({ space: shared, changes: [change({ fields: { title: 'Viewer wrote this' } })] }, viewer);
      expect(pushed.status).toBe(403);
      expect((await errorOf(pushed)).code).toBe('sync.forbidden');
      expect(await headOf()).toBe(before);
      const again = await server.call(`/api/v1/sync/pull?space=${shared}`, { token: viewer });
      expect(JSON.stringify(await again.json())).not.toContain('Viewer wrote this');
    });

    it('only an owner manages members, and the last owner cannot step down', async () => {
      const byViewer = await server.call(`/api/v1/spaces/${shared}/members`, { method: 'POST', token: viewer, json: { email: 'viewer@example.com', role: 'owner' } });
      expect(byViewer.status).toBe(403);
      const demote = await server.call(`/api/v1/spaces/${shared}/members`, { method: 'POST', token, json: { email: 'owner@example.com', role: 'editor' } });
      expect(demote.status).toBe(409);
      expect((await errorOf(demote)).code).toBe('spaces.last_owner');
      const personal = await server.call(`/api/v1/spaces/${owner.personalSpaceId}/members`, { method: 'POST', token, json: { email: 'viewer@example.com', role: 'viewer' } });
      expect((await errorOf(personal)).code).toBe('spaces.personal');
    });

    it('me lists the account, the device and its spaces with role and head', async () => {
      const me = await readJson<Me>(server.call('/api/v1/me', { token: viewer }));
      expect(me.account.email).toBe('viewer@example.com');
      expect(me.device.name).toBe('Test laptop');
      expect(me.spaces.map((s) => [s.kind, s.role]).sort()).toEqual([['personal', 'owner'], ['shared', 'viewer']]);
      expect(me.spaces.find((s) => s.id === shared)?.head).toBe(1);
    });
  });

  describe('the protocol version and sign-in', () => {
    it('426 protocol.client_too_old or server_too_old outside the versions it speaks', async () => {
      const old = await server.call('/api/v1/me', { token, headers: { 'RealMultiLLM-Protocol': '0' } });
      expect(old.status).toBe(426);
      const tooOld = await errorOf(old);
      expect(tooOld.code).toBe('protocol.client_too_old');
      expect(tooOld.message).toMatch(/Update the app/);
      const newer = await server.call('/api/v1/me', { token, headers: { 'RealMultiLLM-Protocol': '2' } });
      expect(newer.status).toBe(426);
      expect((await errorOf(newer)).message).toMatch(/update the server/);
    });

    it('400 without the protocol header, 401 without a valid token; hello needs neither', async () => {
      const bare = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(bare.status).toBe(400);
      expect((await errorOf(bare)).code).toBe('protocol.missing');
      expect((await server.call('/api/v1/me')).status).toBe(401);
      expect((await server.call('/api/v1/me', { token: 'rmat_forged' })).status).toBe(401);
      const hello = await fetch(`${server.url}/api/v1/hello`);
      expect(await hello.json()).toMatchObject({ protocol: { min: 1, max: 1 } });
    });

    it('404 with a reason for an unknown address', async () => {
      const response = await server.call('/api/v1/nothing', { token });
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('request.not_found');
    });
  });

  it('records every push and pull as an audit event with counts and tables, never content', async () => {
    const marker = 'Audit marker text';
    await push({ space: owner.personalSpaceId, changes: [change({ fields: { title: marker } })] });
    await server.call(`/api/v1/sync/pull?space=${owner.personalSpaceId}`, { token });
    const events = await server.context.database.db.selectFrom('audit_events').selectAll().where('space_id', '=', owner.personalSpaceId).orderBy('at').execute();
    const actions = new Set(events.map((event) => event.action));
    expect(actions).toEqual(new Set(['sync.push', 'sync.pull']));
    const lastPush = events.filter((event) => event.action === 'sync.push').at(-1)!;
    expect(JSON.parse(lastPush.detail)).toEqual({ tables: ['conversations'], accepted: 1, duplicates: 0 });
    expect(lastPush.account_id).toBe(owner.id);
    expect(JSON.stringify(events)).not.toContain(marker);
  });
});
