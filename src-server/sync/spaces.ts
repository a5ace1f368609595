// Spaces and their members. Every read and write of sync data asks `requireRole`
// first, so a device reads and writes only the spaces its account belongs to.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import type { Member, Role, SpaceSummary } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import type { Tables } from '../db/tables';
import { ApiError, forbidden } from '../errors';
import { appendAuditEvent } from '../audit/chain';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export async function roleIn(db: Kysely<Tables>, accountId: string, spaceId: string): Promise<Role | null> {
  const row = await db.selectFrom('members').select('role').where('space_id', '=', spaceId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.role ?? null;
}

/** Refuses (403) unless the account holds at least `least` in the space. */
export async function requireRole(db: Kysely<Tables>, accountId: string, spaceId: string, least: Role): Promise<Role> {
  const role = await roleIn(db, accountId, spaceId);
  if (role === null || RANK[role] < RANK[least]) throw forbidden(spaceId);
  return role;
}

export async function listSpaces(db: Kysely<Tables>, accountId: string): Promise<SpaceSummary[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('spaces', 'spaces.id', 'members.space_id')
    .select(['spaces.id', 'spaces.name', 'spaces.kind', 'spaces.head', 'members.role'])
    .where('members.account_id', '=', accountId)
    .orderBy('spaces.kind', 'asc')
    .orderBy('spaces.name', 'asc')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, role: row.role, head: row.head }));
}

/** Makes a shared space owned by the caller; repeating it with the same id returns the same space. */
export async function createSpace(context: ServerContext, accountId: string, request: { id?: string; name: string }): Promise<SpaceSummary> {
  const { db } = context.database;
  const now = context.now();
  const id = request.id ?? uuidv7(now);
  const existing = await db.selectFrom('spaces').select('id').where('id', '=', id).executeTakeFirst();
  if (!existing) {
    try {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('spaces').values({ id, name: request.name, kind: 'shared', created_at: now }).execute();
        await trx.insertInto('members').values({ space_id: id, account_id: accountId, role: 'owner', created_at: now }).execute();
        await appendAuditEvent(trx, context.database.dialect, { action: 'space.created', accountId, spaceId: id }, now);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const space = (await listSpaces(db, accountId)).find((s) => s.id === id);
  if (!space) throw new ApiError(409, 'request.invalid', 'A space with this id exists and you are not a member of it. Make the space with another id.', { space: id });
  return space;
}

async function sharedSpace(db: Kysely<Tables>, spaceId: string) {
  const space = await db.selectFrom('spaces').select(['id', 'kind']).where('id', '=', spaceId).executeTakeFirst();
  if (!space) throw forbidden(spaceId);
  if (space.kind === 'personal') {
    throw new ApiError(409, 'spaces.personal', 'A personal space belongs to one person and has no other members. Make a shared space and add people to it.', { space: spaceId });
  }
  return space;
}

/** Adds a member or changes a member's role (owner only); the last owner cannot step down. */
export async function setMember(context: ServerContext, callerId: string, spaceId: string, request: { email: string; role: Role }): Promise<Member> {
  const { db, heads } = context.database;
  await requireRole(db, callerId, spaceId, 'owner');
  await sharedSpace(db, spaceId);
  const account = await db.selectFrom('accounts').select(['id', 'email', 'name']).where('email', '=', request.email).executeTakeFirst();
  if (!account) {
    throw new ApiError(404, 'spaces.no_account', `No account uses ${request.email}. Ask your admin for an invitation link for that person first.`, { email: request.email });
  }
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('members').select('role').where('space_id', '=', spaceId).where('account_id', '=', account.id).executeTakeFirst();
    if (current?.role === 'owner' && request.role !== 'owner') await requireAnotherOwner(trx, spaceId, account.id);
    await trx
      .insertInto('members')
      .values({ space_id: spaceId, account_id: account.id, role: request.role, created_at: context.now() })
      .onConflict((conflict) => conflict.columns(['space_id', 'account_id']).doUpdateSet({ role: request.role }))
      .execute();
    await appendAuditEvent(trx, context.database.dialect, { action: 'member.set', accountId: callerId, spaceId, detail: { member: account.id, role: request.role, was: current?.role ?? null } }, context.now());
    await heads.inTransaction(trx, { type: 'members', space: spaceId });
  });
  heads.committed({ type: 'members', space: spaceId });
  return { accountId: account.id, email: account.email, name: account.name, role: request.role };
}

export async function removeMember(context: ServerContext, callerId: string, spaceId: string, accountId: string): Promise<void> {
  const { db, heads } = context.database;
  await requireRole(db, callerId, spaceId, 'owner');
  await sharedSpace(db, spaceId);
  await db.transaction().execute(async (trx) => {
    await requireAnotherOwner(trx, spaceId, accountId);
    const removed = await trx.deleteFrom('members').where('space_id', '=', spaceId).where('account_id', '=', accountId).executeTakeFirst();
    if (removed.numDeletedRows > 0n) await appendAuditEvent(trx, context.database.dialect, { action: 'member.removed', accountId: callerId, spaceId, detail: { member: accountId } }, context.now());
    await heads.inTransaction(trx, { type: 'members', space: spaceId });
  });
  heads.committed({ type: 'members', space: spaceId });
}

async function requireAnotherOwner(db: Kysely<Tables>, spaceId: string, leaving: string): Promise<void> {
  const other = await db
    .selectFrom('members')
    .select('account_id')
    .where('space_id', '=', spaceId)
    .where('role', '=', 'owner')
    .where('account_id', '!=', leaving)
    .limit(1)
    .executeTakeFirst();
  if (!other) throw new ApiError(409, 'spaces.last_owner', 'A space needs at least one owner. Make someone else an owner first.', { space: spaceId });
}

export async function listMembers(db: Kysely<Tables>, callerId: string, spaceId: string): Promise<Member[]> {
  await requireRole(db, callerId, spaceId, 'viewer');
  const rows = await db
    .selectFrom('members')
    .innerJoin('accounts', 'accounts.id', 'members.account_id')
    .select(['accounts.id', 'accounts.email', 'accounts.name', 'members.role'])
    .where('members.space_id', '=', spaceId)
    .orderBy('accounts.email')
    .execute();
  return rows.map((row) => ({ accountId: row.id, email: row.email, name: row.name, role: row.role }));
}
