// The canonical encoding of an audit event and of a checkpoint: a JSON array with
// the fields in a fixed order (numbers are whole, strings are JSON-escaped), so the
// same event always hashes the same on every replica and in `audit verify`.
// Changing it is a new version tag, never an edit: shipped chains use v1.
import { createHash } from 'node:crypto';
import type { AuditEventsTable } from '../db/tables';

export const GENESIS_HASH = '0'.repeat(64);

/** What an event's hash covers: every stored field but the hash itself. */
export type ChainedFields = Omit<AuditEventsTable, 'hash'>;

export function encodeEvent(event: ChainedFields): string {
  return JSON.stringify(['rmllm-audit-v1', event.seq, event.id, event.at, event.account_id, event.device_id, event.space_id, event.action, event.detail, event.prev_hash]);
}

export const hashEvent = (event: ChainedFields): string => createHash('sha256').update(encodeEvent(event)).digest('hex');

export interface CheckpointFields {
  seq: number;
  hash: string;
  at: number;
  key_id: string;
}

export function encodeCheckpoint(checkpoint: CheckpointFields): Buffer {
  return Buffer.from(JSON.stringify(['rmllm-audit-checkpoint-v1', checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.key_id]));
}

/** JSON with object keys sorted at every depth, so a detail's text is one for one value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
