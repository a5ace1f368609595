// Organizations and their members. An organization has one owner (ownership is
// transferred, never shared), admins who manage members, teams and invitations,
// members, and auditors who read the member and device lists but change nothing.
import type { Kysely, Transaction } from 'kysely';
import type { OrgMember, OrgRole, OrgSummary } from '../../src-shared/sync/wire';
import type { OrganizationConfig } from '../auth/identity-config';
import type { ServerContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import type { Tables } from '../db/tables';
import { ApiError } from '../errors';
import { MAY, requireOrgRole } from './roles';

export async function listOrgs(db: Kysely<Tables>, accountId: string): Promise<OrgSummary[]> {
  const rows = await db
    .selectFrom('org_members')
    .innerJoin('organizations', 'organizations.id', 'org_members.org_id')
    .select(['organizations.id', 'organizations.name', 'organizations.require_sso', 'org_members.role'])
    .where('org_members.account_id', '=', accountId)
    .orderBy('organizations.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, requireSso: row.require_sso === 1 }));
}

export async function getOrg(db: Kysely<Tables>, callerId: string, orgId: string): Promise<OrgSummary> {
  await requireOrgRole(db, callerId, orgId, MAY.read);
  return (await listOrgs(db, callerId)).find((org) => org.id === orgId)!;
}

/** A server admin makes an organization and owns it. */
export async function createOrg(context: ServerContext, callerId: string, request: { id: string; name: string }): Promise<OrgSummary> {
  const { db } = context.database;
  const caller = await db.selectFrom('accounts').select('admin').where('id', '=', callerId).executeTakeFirstOrThrow();
  if (caller.admin !== 1) throw new ApiError(403, 'auth.admin_only', 'Only an admin of the team server can make an organization.');
  const now = context.now();
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values({ id: request.id, name: request.name, require_sso: 0, created_at: now }).execute();
      await trx.insertInto('org_members').values({ org_id: request.id, account_id: callerId, role: 'owner', created_at: now }).execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError(409, 'orgs.exists', `An organization with the id ${request.id} exists already. Choose another id.`, { org: request.id });
    throw error;
  }
  return { id: request.id, name: request.name, role: 'owner', requireSso: false };
}

export async function updateOrg(context: ServerContext, callerId: string, orgId: string, change: { name?: string; requireSso?: boolean }): Promise<OrgSummary> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  const set: { name?: string; require_sso?: number } = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.requireSso !== undefined) set.require_sso = change.requireSso ? 1 : 0;
  if (Object.keys(set).length > 0) await db.updateTable('organizations').set(set).where('id', '=', orgId).execute();
  return getOrg(db, callerId, orgId);
}

export async function listOrgMembers(db: Kysely<Tables>, callerId: string, orgId: string): Promise<OrgMember[]> {
  await requireOrgRole(db, callerId, orgId, MAY.read);
  const rows = await db
    .selectFrom('org_members')
    .innerJoin('accounts', 'accounts.id', 'org_members.account_id')
    .select(['accounts.id', 'accounts.email', 'accounts.name', 'org_members.role'])
    .where('org_members.org_id', '=', orgId)
    .orderBy('accounts.email')
    .execute();
  return rows.map((row) => ({ accountId: row.id, email: row.email, name: row.name, role: row.role }));
}

const ownerOnly = (org: string) =>
  new ApiError(409, 'orgs.owner_only', "The owner's role changes only by transferring ownership, and the owner cannot be removed. Transfer ownership first.", { org });

/** Adds an existing account or changes a member's role (owner and admins; never to or from owner). */
export async function setOrgMember(context: ServerContext, callerId: string, orgId: string, request: { email: string; role: Exclude<OrgRole, 'owner'> }): Promise<OrgMember> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  const account = await db.selectFrom('accounts').select(['id', 'email', 'name']).where('email', '=', request.email).executeTakeFirst();
  if (!account) {
    throw new ApiError(404, 'orgs.no_account', `No account uses ${request.email}. Send that person an invitation to the organization instead.`, { email: request.email });
  }
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('org_members').select('role').where('org_id', '=', orgId).where('account_id', '=', account.id).executeTakeFirst();
    if (current?.role === 'owner') throw ownerOnly(orgId);
    await putOrgMember(trx, orgId, account.id, request.role, context.now());
  });
  return { accountId: account.id, email: account.email, name: account.name, role: request.role };
}

/** Makes or changes a membership (the caller has checked who may). */
export async function putOrgMember(trx: Transaction<Tables> | Kysely<Tables>, orgId: string, accountId: string, role: OrgRole, now: number): Promise<void> {
  await trx
    .insertInto('org_members')
    .values({ org_id: orgId, account_id: accountId, role, created_at: now })
    .onConflict((conflict) => conflict.columns(['org_id', 'account_id']).doUpdateSet({ role }))
    .execute();
}

/** Removes a member and their team memberships in the organization. */
export async function removeOrgMember(context: ServerContext, callerId: string, orgId: string, accountId: string): Promise<void> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('org_members').select('role').where('org_id', '=', orgId).where('account_id', '=', accountId).executeTakeFirst();
    if (!current) throw new ApiError(404, 'orgs.not_member', 'That account is not a member of the organization.', { org: orgId, account: accountId });
    if (current.role === 'owner') throw ownerOnly(orgId);
    const teams = trx.selectFrom('teams').select('id').where('org_id', '=', orgId);
    await trx.deleteFrom('team_members').where('account_id', '=', accountId).where('team_id', 'in', teams).execute();
    await trx.deleteFrom('org_members').where('org_id', '=', orgId).where('account_id', '=', accountId).execute();
  });
}

/** The owner hands the organization to another member, and becomes an admin. */
export async function transferOwnership(context: ServerContext, callerId: string, orgId: string, toAccountId: string): Promise<OrgMember[]> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.own);
  await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('org_members').select('role').where('org_id', '=', orgId).where('account_id', '=', toAccountId).executeTakeFirst();
    if (!target) throw new ApiError(404, 'orgs.not_member', 'Ownership goes only to a member of the organization. Add that person first.', { org: orgId, account: toAccountId });
    if (toAccountId === callerId) return;
    await trx.updateTable('org_members').set({ role: 'admin' }).where('org_id', '=', orgId).where('account_id', '=', callerId).execute();
    await trx.updateTable('org_members').set({ role: 'owner' }).where('org_id', '=', orgId).where('account_id', '=', toAccountId).execute();
  });
  return listOrgMembers(db, callerId, orgId);
}

/** The organizations a config file names exist (made at start), and get their configured owner while they have none. */
export async function applyConfiguredOrgs(context: ServerContext, organizations: OrganizationConfig[]): Promise<void> {
  const { db } = context.database;
  const now = context.now();
  for (const org of organizations) {
    await db
      .insertInto('organizations')
      .values({ id: org.id, name: org.name, require_sso: 0, created_at: now })
      .onConflict((conflict) => conflict.column('id').doUpdateSet({ name: org.name }))
      .execute();
    if (org.owner) await claimConfiguredOwner(db, org.id, org.owner, now);
  }
}

/** Makes the account with `email` the owner of an organization that has no owner. */
export async function claimConfiguredOwner(db: Kysely<Tables> | Transaction<Tables>, orgId: string, email: string, now: number): Promise<void> {
  const owner = await db.selectFrom('org_members').select('account_id').where('org_id', '=', orgId).where('role', '=', 'owner').executeTakeFirst();
  if (owner) return;
  const account = await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
  if (account) await putOrgMember(db, orgId, account.id, 'owner', now);
}

/** Whether any organization of the account requires its identity providers (then passwords are refused). */
export async function ssoRequiredBy(db: Kysely<Tables>, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('org_members')
    .innerJoin('organizations', 'organizations.id', 'org_members.org_id')
    .select('organizations.name')
    .where('org_members.account_id', '=', accountId)
    .where('organizations.require_sso', '=', 1)
    .executeTakeFirst();
  return row?.name ?? null;
}
