// Every signed-in device of a person: listed with when it was last seen and the
// app version it runs, revoked one at a time or all at once (by its owner, or by
// an owner or admin of an organization the person belongs to).
import type { Kysely } from 'kysely';
import type { DeviceSummary } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import type { Tables } from '../db/tables';
import { ApiError } from '../errors';
import { MAY, orgRoleOf, requireOrgRole } from '../orgs/roles';
import { revokeDevice } from './oauth';

export async function listDevices(db: Kysely<Tables>, accountId: string, currentDeviceId: string | null): Promise<DeviceSummary[]> {
  const rows = await db.selectFrom('devices').selectAll().where('account_id', '=', accountId).orderBy('last_seen_at', 'desc').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    platform: row.platform,
    appVersion: row.app_version,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    current: row.id === currentDeviceId,
  }));
}

/** Revokes the given devices of the account (all of them when `deviceId` is null). */
async function revoke(context: ServerContext, accountId: string, deviceId: string | null): Promise<number> {
  const { db, heads } = context.database;
  let query = db.selectFrom('devices').select('id').where('account_id', '=', accountId).where('revoked_at', 'is', null);
  if (deviceId !== null) query = query.where('id', '=', deviceId);
  const devices = await query.execute();
  if (devices.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    for (const device of devices) await revokeDevice(context, trx, device.id);
  });
  for (const device of devices) heads.committed({ type: 'revoked', device: device.id });
  return devices.length;
}

export async function revokeOwnDevice(context: ServerContext, accountId: string, deviceId: string): Promise<void> {
  const device = await context.database.db.selectFrom('devices').select('id').where('id', '=', deviceId).where('account_id', '=', accountId).executeTakeFirst();
  if (!device) throw new ApiError(404, 'devices.not_found', 'Your account has no such device. Reload the list of devices.', { device: deviceId });
  await revoke(context, accountId, deviceId);
}

export const revokeAllDevices = (context: ServerContext, accountId: string) => revoke(context, accountId, null);

/** The devices of every member (owners, admins and auditors). */
export async function listOrgDevices(db: Kysely<Tables>, callerId: string, orgId: string): Promise<Array<DeviceSummary & { accountId: string }>> {
  await requireOrgRole(db, callerId, orgId, MAY.audit);
  const members = await db.selectFrom('org_members').select('account_id').where('org_id', '=', orgId).execute();
  const lists = await Promise.all(members.map(async (member) => (await listDevices(db, member.account_id, null)).map((device) => ({ ...device, accountId: member.account_id }))));
  return lists.flat();
}

/** An owner or admin signs out every device of a member (an admin cannot do it to the owner). */
export async function revokeMemberDevices(context: ServerContext, callerId: string, orgId: string, accountId: string): Promise<number> {
  const { db } = context.database;
  const callerRole = await requireOrgRole(db, callerId, orgId, MAY.manage);
  const role = await orgRoleOf(db, accountId, orgId);
  if (role === null) throw new ApiError(404, 'orgs.not_member', 'That account is not a member of the organization.', { org: orgId, account: accountId });
  if (role === 'owner' && callerRole !== 'owner') throw new ApiError(409, 'orgs.owner_only', "Only the owner signs out the owner's devices.", { org: orgId });
  return revoke(context, accountId, null);
}
