// Organization and device actions as audit events: each route below records its
// action once it has succeeded (a 2xx), with the ids it acted on and never an
// e-mail. They are appended just after the action's own transaction, not inside
// it (the organization code keeps its transactions to itself); the chain's order
// is the order of the appends.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ServerContext } from '../../context';
import { callerOf } from '../guards';
import { appendAuditEvent, type AuditAction, type AuditDetail } from '../../audit/chain';

type Method = 'post' | 'patch' | 'put' | 'delete';

const ROUTES: [Method, string, AuditAction][] = [
  ['post', '/api/v1/orgs', 'org.created'],
  ['patch', '/api/v1/orgs/:org', 'org.updated'],
  ['post', '/api/v1/orgs/:org/members', 'org.member_set'],
  ['delete', '/api/v1/orgs/:org/members/:account', 'org.member_removed'],
  ['post', '/api/v1/orgs/:org/transfer', 'org.ownership_transferred'],
  ['delete', '/api/v1/orgs/:org/members/:account/devices', 'org.member_devices_revoked'],
  ['post', '/api/v1/orgs/:org/teams', 'org.team_created'],
  ['put', '/api/v1/orgs/:org/teams/:team/members/:account', 'org.team_member_added'],
  ['delete', '/api/v1/orgs/:org/teams/:team/members/:account', 'org.team_member_removed'],
  ['delete', '/api/v1/devices/:device', 'auth.sign_out'],
  ['post', '/api/v1/devices/revoke-all', 'auth.sign_out_everywhere'],
];

/** What of a request body an event keeps: roles and names of things, never people's addresses. */
function bodyDetail(body: unknown): AuditDetail {
  const detail: AuditDetail = {};
  if (body && typeof body === 'object') {
    const fields = body as Record<string, unknown>;
    for (const key of ['role', 'accountId', 'requireSso', 'hours'] as const) {
      const value = fields[key];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') detail[key] = value;
    }
    if (typeof fields.email === 'string') detail.email = true;
  }
  return detail;
}

export function adminActionAudit(context: ServerContext): Router {
  const router = express.Router();
  const { db, dialect } = context.database;
  for (const [method, route, action] of ROUTES) {
    router[method](route, (request: Request, response: Response, next: NextFunction) => {
      const params = { ...request.params };
      response.on('finish', () => {
        if (response.statusCode >= 300) return;
        const caller = callerOf(response);
        const detail: AuditDetail = { ...bodyDetail(request.body), ...params };
        appendAuditEvent(db, dialect, { action, accountId: caller.accountId, deviceId: caller.deviceId, detail }, context.now()).catch((error: unknown) =>
          context.log.error('an audit event was not recorded', { action, error: error instanceof Error ? error.message : String(error) }),
        );
      });
      next();
    });
  }
  return router;
}
