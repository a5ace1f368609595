// GET /api/v1/audit: the audit trail for the server's admins, newest first, a page
// at a time, filtered by who (account), what (action or `family.`), where (space)
// and when (since/until, Unix ms). Reading it is itself an audit event.
import express, { type Router } from 'express';
import { appendAuditEvent } from '../../audit/chain';
import { AuditQuery, listAudit } from '../../audit/query';
import type { ServerContext } from '../../context';
import { ApiError } from '../../errors';
import { callerOf } from '../guards';

export function auditRoutes(context: ServerContext): Router {
  const router = express.Router();
  const { db, dialect } = context.database;

  router.get('/api/v1/audit', async (request, response) => {
    const caller = callerOf(response);
    const account = await db.selectFrom('accounts').select('admin').where('id', '=', caller.accountId).executeTakeFirstOrThrow();
    if (account.admin !== 1) throw new ApiError(403, 'auth.admin_only', 'Only an admin of the team server can read the audit trail. Ask your admin.');
    const query = AuditQuery.parse(request.query);
    const page = await listAudit(db, query);
    const filters = Object.keys(request.query).filter((name) => name !== 'limit' && name !== 'before').sort();
    await appendAuditEvent(db, dialect, { action: 'audit.read', accountId: caller.accountId, deviceId: caller.deviceId, detail: { filters, events: page.events.length } }, context.now());
    response.json(page);
  });

  return router;
}
