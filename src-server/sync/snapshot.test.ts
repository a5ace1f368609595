import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOB_MAX_BYTES, type ApiErrorBody, type SnapshotReply, type SpaceSummary } from '../../src-shared/sync/wire';
import type { AccountRow } from '../auth/accounts';
import { change, hlcAt } from '../testing/changes';
import { DIALECTS } from '../testing/databases';
import { readJson, startTestServer, type TestServer } from '../testing/server';

describe.each(DIALECTS)('snapshots and blobs on %s', (dialect) => {
  let server: TestServer;
  let owner: AccountRow;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    owner = await server.account('owner@example.com');
    token = (await server.device(owner)).access_token;
  });
  afterAll(() => server?.stop());

  const push = (space: string, changes: unknown[], as = token) => server.call('/api/v1/sync/push', { method: 'POST', token: as, json: { space, changes } });

  it('reads the merged rows page by page with an opaque cursor, each with fields, clocks and tombstone', async () => {
    const t = Date.now();
    const rows = Array.from({ length: 5 }, (_, i) => `0193a1b2-0000-7000-8000-00000000000${i}`);
    await push(owner.personalSpaceId, rows.map((row, i) => change({ row, fields: { title: `v1 ${i}` }, hlc: hlcAt(t, '000000000000000a', i) })));
    // An older edit loses, a newer one wins, a tombstone deletes.
    await push(owner.personalSpaceId, [
      change({ row: rows[0]!, fields: { title: 'stale' }, hlc: hlcAt(t - 1000, '000000000000000b') }),
      change({ row: rows[1]!, fields: { title: 'newer', pinned: 1 }, hlc: hlcAt(t + 1000, '000000000000000b') }),
      change({ row: rows[2]!, fields: {}, hlc: hlcAt(t + 2000, '000000000000000b'), deleted: true }),
    ]);
    const pages: SnapshotReply[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/sync/snapshot?space=${owner.personalSpaceId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await server.call(query, { token });
      expect(response.status).toBe(200);
      const page = (await response.json()) as SnapshotReply;
      pages.push(page);
      cursor = page.cursor;
    } while (cursor);
    expect(pages.map((page) => page.rows.length)).toEqual([2, 2, 1]);
    expect(new Set(pages.map((page) => page.seq))).toEqual(new Set([8]));
    const byRow = new Map(pages.flatMap((page) => page.rows).map((row) => [row.row, row]));
    expect(byRow.get(rows[0]!)!.fields.title).toBe('v1 0');
    expect(byRow.get(rows[1]!)).toMatchObject({ fields: { title: 'newer', pinned: 1 }, clocks: { title: hlcAt(t + 1000, '000000000000000b') }, deleted: false });
    expect(byRow.get(rows[2]!)).toMatchObject({ deleted: true, deletedHlc: hlcAt(t + 2000, '000000000000000b'), fields: { title: 'v1 2' } });
  });

  it('refuses a cursor it did not make', async () => {
    const response = await server.call(`/api/v1/sync/snapshot?space=${owner.personalSpaceId}&cursor=garbage`, { token });
    expect(response.status).toBe(400);
    expect((await readJson<ApiErrorBody>(response)).error.code).toBe('sync.cursor_invalid');
  });

  describe('blobs', () => {
    const bytes = randomBytes(2048);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const put = (hash: string, body: Buffer, as = token) =>
      server.call(`/api/v1/blobs/${hash}`, { method: 'PUT', token: as, body, headers: { 'Content-Type': 'application/octet-stream' } });

    it('stores bytes once under their hash and reads them back', async () => {
      expect((await server.call(`/api/v1/blobs/${sha}`, { method: 'HEAD', token })).status).toBe(404);
      expect((await put(sha, bytes)).status).toBe(201);
      expect((await put(sha, bytes)).status).toBe(200);
      const stored = await server.context.database.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha).execute();
      expect(stored).toHaveLength(1);
      const head = await server.call(`/api/v1/blobs/${sha}`, { method: 'HEAD', token });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe('2048');
      expect(Buffer.from(await (await server.call(`/api/v1/blobs/${sha}`, { token })).arrayBuffer()).equals(bytes)).toBe(true);
    });

    it('refuses bytes whose hash differs from the address, and an oversized upload', async () => {
      const wrong = await put(sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a'), bytes);
      expect(wrong.status).toBe(400);
      expect((await readJson<ApiErrorBody>(wrong)).error.code).toBe('blobs.hash_mismatch');
      const big = Buffer.alloc(BLOB_MAX_BYTES + 1);
      const tooLarge = await put(createHash('sha256').update(big).digest('hex'), big);
      expect(tooLarge.status).toBe(413);
      expect((await readJson<ApiErrorBody>(tooLarge)).error.code).toBe('blobs.too_large');
      expect((await put('not-a-hash', bytes)).status).toBe(400);
    });

    it('lets members of a space whose attachments name a blob read it, and no one else', async () => {
      const outsider = (await server.device(await server.account('outsider@example.com'))).access_token;
      const friendAccount = await server.account('friend@example.com');
      const friend = (await server.device(friendAccount)).access_token;
      expect((await server.call(`/api/v1/blobs/${sha}`, { token: friend })).status).toBe(404);
      const space = (await readJson<SpaceSummary>(server.call('/api/v1/spaces', { method: 'POST', token, json: { name: 'Shared files' } }))).id;
      await server.call(`/api/v1/spaces/${space}/members`, { method: 'POST', token, json: { email: 'friend@example.com', role: 'viewer' } });
      const attachment = change({ table: 'attachments', fields: { hash: sha, mime: 'image/png', size: 2048, file_name: 'a.png', created_at: 1, message_id: null } });
      expect((await push(space, [attachment])).status).toBe(200);
      expect((await server.call(`/api/v1/blobs/${sha}`, { token: friend })).status).toBe(200);
      const refused = await server.call(`/api/v1/blobs/${sha}`, { token: outsider });
      expect(refused.status).toBe(404);
      expect((await readJson<ApiErrorBody>(refused)).error.code).toBe('blobs.not_found');
    });
  });
});
