// /api/v1/orgs: organizations, their members, teams, invitations and ownership;
// /api/v1/devices: the caller's own devices. Thin: parse with the wire schemas and
// call ../../orgs or ../../auth, which check the caller's role first.
import express, { type Router } from 'express';
import { z } from 'zod';
import {
  CreateOrgRequest,
  OrgId,
  OrgInvitationRequest,
  OrgMemberRequest,
  TeamRequest,
  TransferOwnershipRequest,
  UpdateOrgRequest,
} from '../../../src-shared/sync/wire';
import { listDevices, listOrgDevices, revokeAllDevices, revokeMemberDevices, revokeOwnDevice } from '../../auth/devices';
import { makeInvitation } from '../../auth/links';
import type { ServerContext } from '../../context';
import { createOrg, getOrg, listOrgMembers, listOrgs, removeOrgMember, setOrgMember, transferOwnership, updateOrg } from '../../orgs/organizations';
import { MAY, requireOrgRole } from '../../orgs/roles';
import { addTeamMember, createTeam, listTeams, removeTeamMember } from '../../orgs/teams';
import { callerOf } from '../guards';

const Id = z.string().min(1).max(64);

export function orgRoutes(context: ServerContext): Router {
  const router = express.Router();
  const { db } = context.database;
  const json = express.json({ limit: '16kb' });
  const org = (params: Record<string, string>) => OrgId.parse(params.org);

  router.get('/api/v1/orgs', async (_request, response) => {
    response.json({ organizations: await listOrgs(db, callerOf(response).accountId) });
  });
  router.post('/api/v1/orgs', json, async (request, response) => {
    response.status(201).json(await createOrg(context, callerOf(response).accountId, CreateOrgRequest.parse(request.body)));
  });
  router.get('/api/v1/orgs/:org', async (request, response) => {
    response.json(await getOrg(db, callerOf(response).accountId, org(request.params)));
  });
  router.patch('/api/v1/orgs/:org', json, async (request, response) => {
    const id = org(request.params);
    response.json(await updateOrg(context, callerOf(response).accountId, id, UpdateOrgRequest.parse(request.body)));
  });

  router.get('/api/v1/orgs/:org/members', async (request, response) => {
    response.json({ members: await listOrgMembers(db, callerOf(response).accountId, org(request.params)) });
  });
  router.post('/api/v1/orgs/:org/members', json, async (request, response) => {
    const id = org(request.params);
    response.json(await setOrgMember(context, callerOf(response).accountId, id, OrgMemberRequest.parse(request.body)));
  });
  router.delete('/api/v1/orgs/:org/members/:account', async (request, response) => {
    await removeOrgMember(context, callerOf(response).accountId, org(request.params), Id.parse(request.params.account));
    response.status(204).end();
  });
  router.post('/api/v1/orgs/:org/transfer', json, async (request, response) => {
    const id = org(request.params);
    const { accountId } = TransferOwnershipRequest.parse(request.body);
    response.json({ members: await transferOwnership(context, callerOf(response).accountId, id, accountId) });
  });
  router.post('/api/v1/orgs/:org/invitations', json, async (request, response) => {
    const caller = callerOf(response);
    const id = org(request.params);
    await requireOrgRole(db, caller.accountId, id, MAY.manage);
    const invitation = OrgInvitationRequest.parse(request.body);
    const reply = await makeInvitation(context, {
      createdBy: caller.accountId,
      email: invitation.email ?? null,
      space: null,
      role: null,
      org: { id, role: invitation.role },
      hours: invitation.hours,
    });
    response.status(201).json(reply);
  });

  router.get('/api/v1/orgs/:org/devices', async (request, response) => {
    response.json({ devices: await listOrgDevices(db, callerOf(response).accountId, org(request.params)) });
  });
  router.delete('/api/v1/orgs/:org/members/:account/devices', async (request, response) => {
    const revoked = await revokeMemberDevices(context, callerOf(response).accountId, org(request.params), Id.parse(request.params.account));
    response.json({ revoked });
  });

  router.get('/api/v1/orgs/:org/teams', async (request, response) => {
    response.json({ teams: await listTeams(db, callerOf(response).accountId, org(request.params)) });
  });
  router.post('/api/v1/orgs/:org/teams', json, async (request, response) => {
    const id = org(request.params);
    response.status(201).json(await createTeam(context, callerOf(response).accountId, id, TeamRequest.parse(request.body).name));
  });
  router.put('/api/v1/orgs/:org/teams/:team/members/:account', async (request, response) => {
    await addTeamMember(context, callerOf(response).accountId, org(request.params), Id.parse(request.params.team), Id.parse(request.params.account));
    response.status(204).end();
  });
  router.delete('/api/v1/orgs/:org/teams/:team/members/:account', async (request, response) => {
    await removeTeamMember(context, callerOf(response).accountId, org(request.params), Id.parse(request.params.team), Id.parse(request.params.account));
    response.status(204).end();
  });

  router.get('/api/v1/devices', async (_request, response) => {
    const caller = callerOf(response);
    response.json({ devices: await listDevices(db, caller.accountId, caller.deviceId) });
  });
  router.delete('/api/v1/devices/:device', async (request, response) => {
    await revokeOwnDevice(context, callerOf(response).accountId, Id.parse(request.params.device));
    response.status(204).end();
  });
  router.post('/api/v1/devices/revoke-all', async (_request, response) => {
    response.json({ revoked: await revokeAllDevices(context, callerOf(response).accountId) });
  });
  return router;
}
