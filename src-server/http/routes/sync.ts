// Push, pull, snapshot and blobs (docs/SYNC.md). Bodies are parsed with their own
// size limits: a push's 1 MB, an attachment's 4 MB.
import express, { type Router } from 'express';
import { BLOB_MAX_BYTES, PullQuery, PUSH_MAX_BYTES, PushRequest, SnapshotQuery } from '../../../src-shared/sync/wire';
import type { ServerContext } from '../../context';
import { ApiError } from '../../errors';
import { blobSize, getBlob, putBlob } from '../../sync/blobs';
import { pull, snapshot } from '../../sync/pull';
import { push } from '../../sync/push';
import { callerOf } from '../guards';

export function syncRoutes(context: ServerContext): Router {
  const router = express.Router();

  router.post('/api/v1/sync/push', express.json({ limit: PUSH_MAX_BYTES }), async (request, response) => {
    response.json(await push(context, callerOf(response), PushRequest.parse(request.body)));
  });

  router.get('/api/v1/sync/pull', async (request, response) => {
    response.json(await pull(context, callerOf(response), PullQuery.parse(request.query)));
  });

  router.get('/api/v1/sync/snapshot', async (request, response) => {
    response.json(await snapshot(context, callerOf(response), SnapshotQuery.parse(request.query)));
  });

  router.put('/api/v1/blobs/:sha256', express.raw({ type: () => true, limit: BLOB_MAX_BYTES }), async (request, response) => {
    if (!Buffer.isBuffer(request.body)) throw new ApiError(400, 'request.invalid', 'Send the attachment bytes as the request body.');
    const created = await putBlob(context, callerOf(response), String(request.params.sha256), request.body);
    response.status(created ? 201 : 200).json({ sha256: request.params.sha256, size: request.body.length });
  });

  router.head('/api/v1/blobs/:sha256', async (request, response) => {
    const size = await blobSize(context, callerOf(response), String(request.params.sha256));
    response.setHeader('Content-Length', String(size));
    response.status(200).end();
  });

  router.get('/api/v1/blobs/:sha256', async (request, response) => {
    const bytes = await getBlob(context, callerOf(response), String(request.params.sha256));
    response.type('application/octet-stream').setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    response.send(bytes);
  });

  return router;
}
