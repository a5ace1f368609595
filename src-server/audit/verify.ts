// `audit verify`: walks the chain in sequence order and stops at the first event
// that is not what the chain says (edited, moved, inserted) or at the first gap
// (deleted); then checks the newest signed checkpoints from the file outside the
// database and from the database, which find newest events that were deleted or a
// tail that was rewritten.
import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { ServerDatabase } from '../db/open';
import { checkpointSignatureValid, type Checkpoint } from './checkpoints';
import { GENESIS_HASH, hashEvent, type ChainedFields } from './encoding';

export type Problem =
  | { kind: 'missing'; seq: number; upTo: number; message: string }
  | { kind: 'altered'; seq: number; id: string; message: string }
  | { kind: 'inserted'; seq: number; id: string; message: string }
  | { kind: 'moved'; seq: number; id: string; message: string }
  | { kind: 'out_of_chain'; seq: number; id: string; message: string }
  | { kind: 'head_mismatch'; seq: number; message: string }
  | { kind: 'checkpoint_unsigned'; seq: number; source: string; message: string }
  | { kind: 'checkpoint_mismatch'; seq: number; source: string; message: string }
  | { kind: 'truncated'; seq: number; source: string; message: string };

export interface VerifyReport {
  ok: boolean;
  events: number;
  lastSeq: number;
  checkpointsChecked: number;
  /** The first bad event of the chain, then checkpoint problems. */
  problems: Problem[];
  ms: number;
}

export interface VerifyOptions {
  /** Checkpoints from the file outside the database. */
  fileCheckpoints: Checkpoint[];
  /** Keys whose signatures count (the server's own, or those of every replica). */
  publicKeys: Map<string, KeyObject>;
  /** How many of the newest checkpoints of each source to check (default 100). */
  newest?: number;
  pageSize?: number;
}

const PAGE = 20_000;

/**
 * An event whose content does not match its hash: it hashes right one place
 * later when events were inserted before it (the one before it is the intruder),
 * or at another place when events were swapped; else it was edited.
 */
function diagnose(event: ChainedFields & { hash: string }, previous: ChainedFields | null): Problem {
  if (previous && hashEvent({ ...event, seq: event.seq - 1 }) === event.hash) {
    return { kind: 'inserted', seq: previous.seq, id: previous.id, message: `Event ${previous.seq} (${previous.id}) was inserted: the events after it were moved one place later to make room.` };
  }
  for (const seq of [event.seq + 1, event.seq - 1, event.seq + 2, event.seq - 2]) {
    if (seq > 0 && hashEvent({ ...event, seq }) === event.hash) {
      return { kind: 'moved', seq: event.seq, id: event.id, message: `Event ${event.seq} (${event.id}) was moved: it was event ${seq} (the events were reordered).` };
    }
  }
  return { kind: 'altered', seq: event.seq, id: event.id, message: `Event ${event.seq} (${event.id}) was edited: its content does not match its hash.` };
}

export async function verifyChain(database: ServerDatabase, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const { db } = database;
  const pageSize = options.pageSize ?? PAGE;
  const newest = options.newest ?? 100;
  const tableCheckpoints = (await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(newest).execute()).reverse();
  const sources: { source: string; checkpoints: Checkpoint[] }[] = [
    { source: 'file', checkpoints: options.fileCheckpoints.slice(-newest) },
    { source: 'database', checkpoints: tableCheckpoints },
  ];
  const wanted = new Set(sources.flatMap(({ checkpoints }) => checkpoints.map((checkpoint) => checkpoint.seq)));
  const seen = new Map<number, string>();

  const problems: Problem[] = [];
  let expected = 1;
  let prev = GENESIS_HASH;
  let previous: ChainedFields | null = null;
  let events = 0;
  let broken = false;
  while (!broken) {
    const page = (
      await sql<ChainedFields & { hash: string }>`select seq, id, at, account_id, device_id, space_id, action, detail, prev_hash, hash from audit_events where seq >= ${expected} order by seq limit ${pageSize}`.execute(db)
    ).rows;
    for (const row of page) {
      const event = { ...row, seq: Number(row.seq), at: Number(row.at) };
      if (event.seq !== expected) {
        problems.push({ kind: 'missing', seq: expected, upTo: event.seq - 1, message: `Events ${expected} to ${event.seq - 1} are missing (deleted): event ${event.seq} follows event ${expected - 1}.` });
        broken = true;
        break;
      }
      if (hashEvent(event) !== event.hash) {
        problems.push(diagnose(event, previous));
        broken = true;
        break;
      }
      if (event.prev_hash !== prev) {
        problems.push({ kind: 'out_of_chain', seq: event.seq, id: event.id, message: `Event ${event.seq} (${event.id}) does not follow event ${event.seq - 1}: an event was inserted, removed or moved here.` });
        broken = true;
        break;
      }
      if (wanted.has(event.seq)) seen.set(event.seq, event.hash);
      prev = event.hash;
      previous = event;
      expected += 1;
      events += 1;
    }
    if (page.length < pageSize) break;
  }
  const lastSeq = expected - 1;

  if (!broken) {
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
    if (head && (head.seq < lastSeq || (head.seq === lastSeq && head.hash !== prev))) {
      problems.push({ kind: 'head_mismatch', seq: head.seq, message: `The chain's head row says ${head.seq} but the chain ends at ${lastSeq}: the head was edited.` });
    } else if (head && head.seq > lastSeq) {
      problems.push({ kind: 'truncated', seq: lastSeq + 1, source: 'head', message: `Events ${lastSeq + 1} to ${head.seq} are missing: the chain's head row counts ${head.seq} events.` });
    }
  }

  let checkpointsChecked = 0;
  for (const { source, checkpoints } of sources) {
    for (const checkpoint of checkpoints) {
      checkpointsChecked += 1;
      const key = options.publicKeys.get(checkpoint.key_id);
      const when = new Date(checkpoint.at).toISOString();
      if (!key || !checkpointSignatureValid(checkpoint, key)) {
        problems.push({ kind: 'checkpoint_unsigned', seq: checkpoint.seq, source, message: `The ${source}'s checkpoint of event ${checkpoint.seq} (${when}) is not signed by a known audit key (key ${checkpoint.key_id}).` });
        continue;
      }
      if (broken && checkpoint.seq >= expected) continue;
      if (checkpoint.seq > lastSeq) {
        problems.push({ kind: 'truncated', seq: lastSeq + 1, source, message: `Events after ${lastSeq} were deleted: the ${source}'s checkpoint signed at ${when} covers ${checkpoint.seq} events.` });
      } else if (seen.get(checkpoint.seq) !== checkpoint.hash) {
        problems.push({ kind: 'checkpoint_mismatch', seq: checkpoint.seq, source, message: `Event ${checkpoint.seq} is not the one the ${source}'s checkpoint signed at ${when}: the chain up to it was rewritten.` });
      }
    }
  }
  return { ok: problems.length === 0, events, lastSeq, checkpointsChecked, problems, ms: performance.now() - started };
}
