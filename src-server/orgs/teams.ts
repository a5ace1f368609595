// Teams: named groups of an organization's members (space access by team comes later).
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../src-shared/ids';
import type { Team } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import type { Tables } from '../db/tables';
import { ApiError } from '../errors';
import { MAY, orgRoleOf, requireOrgRole } from './roles';

export async function listTeams(db: Kysely<Tables>, callerId: string, orgId: string): Promise<Team[]> {
  await requireOrgRole(db, callerId, orgId, MAY.read);
  const teams = await db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').execute();
  const members = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.team_id', 'team_members.account_id'])
    .where('teams.org_id', '=', orgId)
    .execute();
  return teams.map((team) => ({ id: team.id, name: team.name, members: members.filter((m) => m.team_id === team.id).map((m) => m.account_id).sort() }));
}

export async function createTeam(context: ServerContext, callerId: string, orgId: string, name: string): Promise<Team> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  const id = uuidv7(context.now());
  await db.insertInto('teams').values({ id, org_id: orgId, name, created_at: context.now() }).execute();
  return { id, name, members: [] };
}

async function teamOf(db: Kysely<Tables>, orgId: string, teamId: string) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).where('org_id', '=', orgId).executeTakeFirst();
  if (!team) throw new ApiError(404, 'orgs.not_member', 'The organization has no such team.', { org: orgId, team: teamId });
  return team;
}

export async function addTeamMember(context: ServerContext, callerId: string, orgId: string, teamId: string, accountId: string): Promise<void> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  await teamOf(db, orgId, teamId);
  if ((await orgRoleOf(db, accountId, orgId)) === null) {
    throw new ApiError(404, 'orgs.not_member', 'Only members of the organization join its teams. Add that person to the organization first.', { org: orgId, account: accountId });
  }
  await db
    .insertInto('team_members')
    .values({ team_id: teamId, account_id: accountId, created_at: context.now() })
    .onConflict((conflict) => conflict.columns(['team_id', 'account_id']).doNothing())
    .execute();
}

export async function removeTeamMember(context: ServerContext, callerId: string, orgId: string, teamId: string, accountId: string): Promise<void> {
  const { db } = context.database;
  await requireOrgRole(db, callerId, orgId, MAY.manage);
  await teamOf(db, orgId, teamId);
  await db.deleteFrom('team_members').where('team_id', '=', teamId).where('account_id', '=', accountId).execute();
}
