// Attachment bytes by content hash, uploaded once. Any signed-in device may upload
// (the hash is checked against the bytes); a blob is readable by its uploader and
// by members of a space whose attachments name it. Others are told it does not
// exist, whether it does or not.
import { createHash } from 'node:crypto';
import type { Caller } from '../auth/oauth';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

const notFound = (sha256: string) =>
  new ApiError(404, 'blobs.not_found', 'No attachment with this hash is available to you. Upload it, or sync the space that holds it first.', { sha256 });

export function checkHash(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new ApiError(400, 'request.invalid', 'A blob is named by the SHA-256 of its bytes: 64 lowercase hex characters.', { sha256 });
}

/** Stores the bytes once; true when they were new. */
export async function putBlob(context: ServerContext, caller: Caller, sha256: string, bytes: Buffer): Promise<boolean> {
  checkHash(sha256);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new ApiError(400, 'blobs.hash_mismatch', 'The uploaded bytes do not have the hash the address names; nothing was stored. Upload the file again.', { sha256, actual });
  }
  const result = await context.database.db
    .insertInto('blobs')
    .values({ sha256, size: bytes.length, data: bytes, uploaded_by: caller.accountId, created_at: context.now() })
    .onConflict((conflict) => conflict.column('sha256').doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

async function readable(context: ServerContext, caller: Caller, sha256: string): Promise<{ size: number; uploaded_by: string } | undefined> {
  checkHash(sha256);
  const { db } = context.database;
  const blob = await db.selectFrom('blobs').select(['size', 'uploaded_by']).where('sha256', '=', sha256).executeTakeFirst();
  if (!blob) return undefined;
  if (blob.uploaded_by === caller.accountId) return blob;
  const shared = await db
    .selectFrom('blob_refs')
    .innerJoin('members', 'members.space_id', 'blob_refs.space_id')
    .select('blob_refs.space_id')
    .where('blob_refs.sha256', '=', sha256)
    .where('members.account_id', '=', caller.accountId)
    .limit(1)
    .executeTakeFirst();
  return shared ? blob : undefined;
}

export async function blobSize(context: ServerContext, caller: Caller, sha256: string): Promise<number> {
  const blob = await readable(context, caller, sha256);
  if (!blob) throw notFound(sha256);
  return blob.size;
}

export async function getBlob(context: ServerContext, caller: Caller, sha256: string): Promise<Buffer> {
  if (!(await readable(context, caller, sha256))) throw notFound(sha256);
  const row = await context.database.db.selectFrom('blobs').select('data').where('sha256', '=', sha256).executeTakeFirstOrThrow();
  return Buffer.from(row.data);
}
