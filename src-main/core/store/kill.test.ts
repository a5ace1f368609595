// The kill test: a child process streams replies into the store and is killed
// with SIGKILL at random moments. After every kill the database must pass
// integrity_check, every message the store acknowledged as finished must be
// intact, and the reply being streamed must keep at least its last flushed text.
// KILL_ROUNDS sets the count (20 here; `npm run test:soak` runs 200).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { expectedText } from './testing/kill-text';
import { useTempStores } from './testing';

const stores = useTempStores();
const ROUNDS = Number(process.env.KILL_ROUNDS ?? (process.env.SOAK ? 200 : 20));
const CHILD = fileURLToPath(new URL('./testing/kill-child.ts', import.meta.url));

interface Acknowledged {
  done: Set<string>;
  /** The reply streaming when the child died, with the round/turn that name its text and the length last flushed. */
  streaming: { id: string; round: number; turn: number; flushed: number } | null;
}

/** Runs the child until `killAfterMs` after it is ready, then SIGKILLs it; returns what it said was saved. */
function runAndKill(file: string, conversationId: string, round: number, killAfterMs: number): Promise<Acknowledged> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, conversationId, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: Acknowledged = { done: new Set(), streaming: null };
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [kind, id, a, b] = line.split(' ');
    if (kind === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    else if (kind === 'done') {
      seen.done.add(id!);
      if (seen.streaming?.id === id) seen.streaming = null;
    } else if (kind === 'streaming') seen.streaming = { id: id!, round: Number(a), turn: Number(b), flushed: 0 };
    else if (kind === 'flushed') {
      const streaming = seen.streaming;
      if (streaming && streaming.id === id) streaming.flushed = Number(a);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`The child exited by itself (code ${code}): ${stderr}`));
    });
  });
}

/** A streaming row as the store reads it: its text and reasoning so far are in appended chunks. */
function withChunks<R extends { id: string; content: string; reasoning: string | null }>(db: Database.Database, row: R): R {
  const chunks = (kind: string) =>
    (db.prepare('SELECT text FROM message_chunks WHERE message_id = ? AND kind = ? ORDER BY id').all(row.id, kind) as { text: string }[])
      .map((chunk) => chunk.text)
      .join('');
  const reasoning = (row.reasoning ?? '') + chunks('reasoning');
  return { ...row, content: row.content + chunks('text'), reasoning: reasoning || row.reasoning };
}

describe('killed mid-stream', () => {
  it(`keeps every finished message and the streamed text and reasoning, with a sound database, across ${ROUNDS} SIGKILLs`, async () => {
    const file = stores.file();
    const conversationId = uuidv7();
    const expected = new Map<string, string>();
    const cutOff = new Map<string, { content: string; reasoning: string | null }>();
    for (let round = 0; round < ROUNDS; round++) {
      const seen = await runAndKill(file, conversationId, round, 150 + Math.floor(Math.random() * 900));
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = (db.prepare('SELECT id, role, content, reasoning, status, model FROM messages').all() as {
          id: string; role: 'user' | 'assistant'; content: string; reasoning: string | null; status: string;
        }[]).map((row) => (row.status === 'streaming' ? withChunks(db, row) : row));
        const byId = new Map(rows.map((r) => [r.id, r]));
        // Texts are deterministic, so each finished message can be checked byte for byte.
        for (const id of seen.done) expect(byId.get(id)?.status).toBe('done');
        for (const row of rows) if (row.status === 'done') expected.set(row.id, row.content);
        for (const [id, content] of expected) expect(byId.get(id)?.content).toBe(content);
        if (seen.streaming) {
          const { id, round: r, turn, flushed } = seen.streaming;
          const full = expectedText(r, turn, 'assistant');
          const row = byId.get(id)!;
          expect(row).toBeDefined();
          // A flush may have committed without its acknowledgement reaching us: at least what was acknowledged.
          expect(row.content.length).toBeGreaterThanOrEqual(flushed);
          expect(full.startsWith(row.content)).toBe(true);
          // The reasoning is flushed just before the text, so it is never behind it.
          expect(row.reasoning?.length ?? 0).toBeGreaterThanOrEqual(row.content.length);
          expect(expectedText(r, turn, 'reasoning').startsWith(row.reasoning ?? '')).toBe(true);
          if (row.status === 'streaming') cutOff.set(id, { content: row.content, reasoning: row.reasoning });
        }
      } finally {
        db.close();
      }
    }
    // Reopening recovers every reply cut off mid-stream as interrupted, keeping its text and reasoning.
    const store = await stores.open(file);
    const messages = new Map((await store.getConversation(conversationId))!.messages.map((m) => [m.id, m]));
    expect(cutOff.size).toBeGreaterThan(0);
    expect([...cutOff.values()].some((kept) => kept.reasoning)).toBe(true);
    for (const [id, kept] of cutOff) expect(messages.get(id)).toMatchObject({ status: 'interrupted', ...kept });
    for (const [id, content] of expected) expect(messages.get(id)).toMatchObject({ status: 'done', content });
    expect([...messages.values()].filter((m) => m.status === 'streaming')).toEqual([]);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
  }, 30_000 + ROUNDS * 6_000);
});
