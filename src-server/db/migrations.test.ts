// Every schema version is reached step by step from an empty database, with rows
// made by each version on the way; the latest code must then read and use them all.
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-shared/ids';
import { appendAuditEvent } from '../audit/chain';
import { verifyChain } from '../audit/verify';
import { hlcAt } from '../testing/changes';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/databases';
import type { DeviceSummary, Me, PullReply, PushReply, SnapshotReply, Team } from '../../src-shared/sync/wire';
import { readJson, startTestServer } from '../testing/server';
import { MIGRATION_NAMES, migrationProvider } from './migrations';
import { openDatabase, type ServerDatabase } from './open';
import type { Tables } from './tables';

const ACCOUNT = uuidv7();
const SPACE = uuidv7();
const DEVICE = uuidv7();
const TEAM = uuidv7();
const NOW = Date.now();
const OLD_EVENT = uuidv7();

/** Rows as each version made them (only that version's tables and columns). */
const MADE_BY: Record<string, (db: Kysely<Tables>) => Promise<void>> = {
  '0001-accounts': async (db) => {
    await db.insertInto('spaces').values({ id: SPACE, name: 'Ada', kind: 'personal', head: 0, created_at: NOW }).execute();
    await db
      .insertInto('accounts')
      .values({ id: ACCOUNT, email: 'ada@example.com', name: 'Ada', password_hash: null, admin: 1, personal_space_id: SPACE, created_at: NOW })
      .execute();
    await db.insertInto('members').values({ space_id: SPACE, account_id: ACCOUNT, role: 'owner', created_at: NOW }).execute();
    await db.insertInto('devices').values({ id: DEVICE, account_id: ACCOUNT, name: 'Old laptop', platform: 'linux', created_at: NOW, last_seen_at: NOW, revoked_at: null }).execute();
    await db.insertInto('links').values({ hash: 'h', kind: 'invite', email: null, space_id: null, role: null, created_by: ACCOUNT, expires_at: NOW, used_at: null }).execute();
  },
  '0002-sync': async (db) => {
    await db
      .insertInto('changes')
      .values({ space_id: SPACE, seq: 1, change_id: uuidv7(), table_name: 'conversations', row_id: 'r1', fields: '{"title":"Old"}', hlc: hlcAt(NOW - 10_000), deleted: 0, account_id: ACCOUNT, device_id: DEVICE, received_at: NOW })
      .execute();
    await db
      .insertInto('rows')
      .values({ space_id: SPACE, table_name: 'conversations', row_id: 'r1', fields: '{"title":"Old"}', clocks: JSON.stringify({ title: hlcAt(NOW - 10_000) }), deleted: 0, deleted_hlc: hlcAt(NOW - 10_000), seq: 1 })
      .execute();
    await db.updateTable('spaces').set({ head: 1 }).where('id', '=', SPACE).execute();
    await sql`insert into audit_events (id, at, account_id, device_id, space_id, action, detail) values (${OLD_EVENT}, ${NOW}, ${ACCOUNT}, ${DEVICE}, ${SPACE}, 'sync.push', '{"accepted":1,"tables":["conversations"]}')`.execute(db);
  },
  // No new table: a change and its row as version 3 writes a new row, every clock the change's.
  '0003-push-without-fk-checks': async (db) => {
    await db
      .insertInto('changes')
      .values({ space_id: SPACE, seq: 2, change_id: uuidv7(), table_name: 'folders', row_id: 'f1', fields: '{"name":"Work"}', hlc: hlcAt(NOW - 5_000), deleted: 0, account_id: ACCOUNT, device_id: DEVICE, received_at: NOW })
      .execute();
    await db
      .insertInto('rows')
      .values({ space_id: SPACE, table_name: 'folders', row_id: 'f1', fields: '{"name":"Work"}', clocks: '{}', deleted: 0, deleted_hlc: hlcAt(NOW - 5_000), seq: 2 })
      .execute();
    await db.updateTable('spaces').set({ head: 2 }).where('id', '=', SPACE).execute();
  },
  '0004-organizations': async (db) => {
    await db.insertInto('organizations').values({ id: 'old-org', name: 'Old Org', require_sso: 0, created_at: NOW }).execute();
    await db.insertInto('org_members').values({ org_id: 'old-org', account_id: ACCOUNT, role: 'owner', created_at: NOW }).execute();
    await db.insertInto('teams').values({ id: TEAM, org_id: 'old-org', name: 'Research', created_at: NOW }).execute();
    await db.insertInto('team_members').values({ team_id: TEAM, account_id: ACCOUNT, created_at: NOW }).execute();
    await db.insertInto('identities').values({ provider_id: 'old-idp', subject: 'ada-sub', account_id: ACCOUNT, created_at: NOW, last_sign_in_at: NOW }).execute();
    await db.updateTable('devices').set({ app_version: '0.1.0' }).where('id', '=', DEVICE).execute();
  },
  '0005-audit-chain': async (db) => {
    // One append at a time here, so the head row needs no lock: 'sqlite' leaves out FOR UPDATE on either dialect.
    await appendAuditEvent(db, 'sqlite', { action: 'member.set', accountId: ACCOUNT, spaceId: SPACE, detail: { member: ACCOUNT, role: 'owner' } }, NOW + 1);
  },
};

describe.each(DIALECTS)('server migrations on %s', (dialect) => {
  let test: TestDatabase;
  let database: ServerDatabase | null = null;

  beforeAll(async () => {
    test = await createTestDatabase(dialect);
    database = await openDatabase(test.target, { migrate: false });
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('has rows made by every version', () => {
    expect(Object.keys(MADE_BY)).toEqual(MIGRATION_NAMES);
  });

  it('migrates an empty database one version at a time, keeping the rows of each', async () => {
    const migrator = new Migrator({ db: database!.db, provider: migrationProvider(dialect) });
    for (const name of MIGRATION_NAMES) {
      const { error } = await migrator.migrateTo(name);
      expect(error).toBeUndefined();
      await MADE_BY[name]!(database!.db);
    }
    expect((await migrator.getMigrations()).every((migration) => migration.executedAt !== undefined)).toBe(true);
  });

  it('serves those rows with the latest code: the old account signs in a device, pushes after the old change, and sees its organization, team and devices', async () => {
    await database!.close();
    database = null;
    const server = await startTestServer(dialect, { test });
    try {
      expect(server.setupUrl).toBeNull();
      const account = { id: ACCOUNT, email: 'ada@example.com', name: 'Ada', admin: true, personalSpaceId: SPACE };
      const token = (await server.device(account)).access_token;
      const pushed = await server.call('/api/v1/sync/push', {
        method: 'POST',
        token,
        json: { space: SPACE, changes: [{ id: uuidv7(), table: 'conversations', row: 'r1', fields: { title: 'New' }, hlc: hlcAt(NOW), deleted: false }] },
      });
      expect(await readJson<PushReply>(pushed)).toMatchObject({ accepted: 1, seq: 3 });
      const snapshot = await readJson<SnapshotReply>(server.call(`/api/v1/sync/snapshot?space=${SPACE}`, { token }));
      expect(snapshot.rows).toEqual(
        expect.arrayContaining([expect.objectContaining({ row: 'r1', fields: { title: 'New' } }), expect.objectContaining({ table: 'folders', row: 'f1', fields: { name: 'Work' } })]),
      );
      expect(snapshot.rows).toHaveLength(2);
      const pulled = await readJson<PullReply>(server.call(`/api/v1/sync/pull?space=${SPACE}`, { token }));
      expect(pulled.changes.map((c) => c.seq)).toEqual([1, 2, 3]);
      const me = await readJson<Me>(server.call('/api/v1/me', { token }));
      expect(me.organizations).toEqual([{ id: 'old-org', name: 'Old Org', role: 'owner', requireSso: false }]);
      const teams = await readJson<{ teams: Team[] }>(server.call('/api/v1/orgs/old-org/teams', { token }));
      expect(teams.teams).toEqual([{ id: TEAM, name: 'Research', members: [ACCOUNT] }]);
      const devices = await readJson<{ devices: DeviceSummary[] }>(server.call('/api/v1/devices', { token }));
      expect(devices.devices.find((device) => device.id === DEVICE)).toMatchObject({ name: 'Old laptop', appVersion: '0.1.0', current: false });
      const chain = await server.context.database.db.selectFrom('audit_events').select(['seq', 'id', 'action']).orderBy('seq').execute();
      expect(chain.slice(0, 2)).toEqual([
        { seq: 1, id: OLD_EVENT, action: 'sync.push' },
        { seq: 2, id: expect.any(String), action: 'member.set' },
      ]);
      expect(chain.length).toBeGreaterThan(3);
      const report = await verifyChain(server.context.database, { fileCheckpoints: [], publicKeys: new Map() });
      expect(report.problems).toEqual([]);
      expect(report.events).toBe(chain.length);
    } finally {
      await server.close();
    }
  });
});
