// Roles in an organization. Every organization endpoint asks `requireOrgRole`
// first; a person outside the organization gets the same 403 as for one that does
// not exist, so nothing about another organization can be read.
import type { Kysely } from 'kysely';
import type { OrgRole } from '../../src-shared/sync/wire';
import type { Tables } from '../db/tables';
import { ApiError } from '../errors';

/** Who may do what; auditors read, never change. */
export const MAY = {
  read: ['owner', 'admin', 'member', 'auditor'],
  audit: ['owner', 'admin', 'auditor'],
  manage: ['owner', 'admin'],
  own: ['owner'],
} as const satisfies Record<string, readonly OrgRole[]>;

/** For mapping groups to roles: the highest wins. The owner is never given by a claim. */
export const ORG_RANK: Record<OrgRole, number> = { member: 0, auditor: 1, admin: 2, owner: 3 };

export const orgForbidden = (org: string) =>
  new ApiError(403, 'orgs.forbidden', 'Your account may not do this in that organization (or it does not exist). Ask an admin of the organization.', { org });

export async function orgRoleOf(db: Kysely<Tables>, accountId: string, orgId: string): Promise<OrgRole | null> {
  const row = await db.selectFrom('org_members').select('role').where('org_id', '=', orgId).where('account_id', '=', accountId).executeTakeFirst();
  return row?.role ?? null;
}

export async function requireOrgRole(db: Kysely<Tables>, accountId: string, orgId: string, allowed: readonly OrgRole[]): Promise<OrgRole> {
  const role = await orgRoleOf(db, accountId, orgId);
  if (role === null || !allowed.includes(role)) throw orgForbidden(orgId);
  return role;
}
