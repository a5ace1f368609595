// /api/v1: hello, the signed-in device's account, spaces and organizations, spaces
// and members, invitations (admins), organizations and devices (./orgs.ts), and the
// sync endpoints (./sync.ts).
import express, { type Router } from 'express';
import { z } from 'zod';
import { CreateSpaceRequest, InvitationRequest, MemberRequest, PROTOCOL_RANGE, SpaceId, type Hello, type Me } from '../../../src-shared/sync/wire';
import { makeInvitation } from '../../auth/links';
import type { ServerContext } from '../../context';
import { ApiError } from '../../errors';
import { createSpace, listMembers, listSpaces, removeMember, requireRole, setMember } from '../../sync/spaces';
import { listOrgs } from '../../orgs/organizations';
import { callerOf, requireDevice, requireProtocol } from '../guards';
import { auditRoutes } from './audit';
import { orgRoutes } from './orgs';
import { syncRoutes } from './sync';
import { adminActionAudit } from './audit-actions';

export const SERVER_VERSION = '0.1.0';

export function apiRoutes(context: ServerContext): Router {
  const router = express.Router();
  const { db } = context.database;
  const json = express.json({ limit: '64kb' });

  // Hello answers every version, so that any client can learn which it must speak.
  router.get('/api/v1/hello', (_request, response) => {
    const hello: Hello = { protocol: { ...PROTOCOL_RANGE }, server: { name: 'RealMultiLLM team server', version: SERVER_VERSION } };
    response.json(hello);
  });

  router.use('/api/v1', requireProtocol, requireDevice(context));

  router.get('/api/v1/me', async (_request, response) => {
    const caller = callerOf(response);
    const account = await db.selectFrom('accounts').select(['id', 'email', 'name', 'admin']).where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    const device = await db.selectFrom('devices').select(['id', 'name', 'platform', 'created_at']).where('id', '=', caller.deviceId).executeTakeFirstOrThrow();
    const me: Me = {
      account: { id: account.id, email: account.email, name: account.name, admin: account.admin === 1 },
      device: { id: device.id, name: device.name, platform: device.platform, createdAt: device.created_at },
      spaces: await listSpaces(db, caller.accountId),
      organizations: await listOrgs(db, caller.accountId),
    };
    response.json(me);
  });

  router.post('/api/v1/spaces', json, async (request, response) => {
    const space = await createSpace(context, callerOf(response).accountId, CreateSpaceRequest.parse(request.body));
    response.status(201).json(space);
  });

  router.get('/api/v1/spaces/:id/members', async (request, response) => {
    response.json({ members: await listMembers(db, callerOf(response).accountId, SpaceId.parse(request.params.id)) });
  });

  router.post('/api/v1/spaces/:id/members', json, async (request, response) => {
    const member = await setMember(context, callerOf(response).accountId, SpaceId.parse(request.params.id), MemberRequest.parse(request.body));
    response.json(member);
  });

  router.delete('/api/v1/spaces/:id/members/:account', async (request, response) => {
    await removeMember(context, callerOf(response).accountId, SpaceId.parse(request.params.id), z.string().max(64).parse(request.params.account));
    response.status(204).end();
  });

  router.post('/api/v1/invitations', json, async (request, response) => {
    const caller = callerOf(response);
    const account = await db.selectFrom('accounts').select('admin').where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    if (account.admin !== 1) throw new ApiError(403, 'auth.admin_only', 'Only an admin of the team server can invite people. Ask your admin for an invitation link.');
    const invitation = InvitationRequest.parse(request.body);
    if (invitation.space) {
      await requireRole(db, caller.accountId, invitation.space, 'owner');
    }
    const reply = await makeInvitation(context, {
      createdBy: caller.accountId,
      email: invitation.email ?? null,
      space: invitation.space ?? null,
      role: invitation.space ? (invitation.role ?? 'editor') : null,
      org: null,
      hours: invitation.hours,
    });
    response.status(201).json(reply);
  });

  router.use(adminActionAudit(context));
  router.use(orgRoutes(context));
  router.use(syncRoutes(context));
  router.use(auditRoutes(context));
  return router;
}
