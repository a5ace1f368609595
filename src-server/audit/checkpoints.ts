// Signed checkpoints of the audit chain. A chain alone cannot show that its newest
// events were deleted; a checkpoint (the head's sequence and hash, signed with the
// server's Ed25519 key) written both to the database and to an append-only file
// elsewhere can. The key lives outside the database, readable by its owner only.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../context';
import type { ServerDatabase } from '../db/open';
import { MAIN_CHAIN } from './chain';
import { encodeCheckpoint, type CheckpointFields } from './encoding';

export interface Checkpoint extends CheckpointFields {
  signature: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The first 16 bytes (hex) of the SHA-256 of the public key (SPKI DER). */
  id: string;
}

export class AuditKeyError extends Error {}

export const keyIdOf = (publicKey: KeyObject) => createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);

/** Reads the PEM key file, or makes a new key there (mode 0600) when `create` and none exists. */
export function loadSigningKey(file: string, options: { create: boolean }): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.create) {
      throw new AuditKeyError(`The audit signing key ${file} cannot be read (${(error as Error).message}). Give its place with --audit-key, or start the server once to make it.`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o007) !== 0) {
    throw new AuditKeyError(`The audit signing key ${file} can be read by every user of this machine. Make it private (chmod 600 "${file}"), then start again.`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new AuditKeyError(`The audit signing key ${file} is not a PEM private key (${(error as Error).message}).`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`The audit signing key ${file} is a ${privateKey.asymmetricKeyType} key; it must be Ed25519.`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, id: keyIdOf(publicKey) };
}

export function signCheckpoint(key: SigningKey, fields: Omit<CheckpointFields, 'key_id'>): Checkpoint {
  const checkpoint = { ...fields, key_id: key.id };
  return { ...checkpoint, signature: sign(null, encodeCheckpoint(checkpoint), key.privateKey).toString('base64') };
}

export const checkpointSignatureValid = (checkpoint: Checkpoint, publicKey: KeyObject) =>
  verify(null, encodeCheckpoint(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));

/** The file's checkpoints, oldest first; a torn last line (a crash mid-write) is ignored. */
export function readCheckpointFile(file: string): Checkpoint[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const checkpoints: Checkpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Checkpoint;
      if (Number.isSafeInteger(value.seq) && typeof value.hash === 'string' && typeof value.signature === 'string' && typeof value.key_id === 'string') checkpoints.push(value);
    } catch {
      // A torn line: the write it belonged to did not finish.
    }
  }
  return checkpoints;
}

async function appendLine(file: string, line: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.promises.open(file, 'a', 0o600);
  try {
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export interface CheckpointerOptions {
  key: SigningKey;
  /** The append-only file outside the database. */
  file: string;
  intervalMs: number;
  now: () => number;
  log: Logger;
}

/** Signs the chain's head every interval while it moved, and once more at shutdown. */
export class Checkpointer {
  private timer: NodeJS.Timeout | null = null;
  private lastSeq = -1;
  private running: Promise<Checkpoint | null> = Promise.resolve(null);

  constructor(
    private readonly database: ServerDatabase,
    private readonly options: CheckpointerOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.options.log.error('audit checkpoint failed', { error: error instanceof Error ? error.message : String(error) }));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Signs the head unless this process signed it already; one at a time. */
  checkpoint(): Promise<Checkpoint | null> {
    this.running = this.running.catch(() => null).then(() => this.write());
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checkpoint();
  }

  private async write(): Promise<Checkpoint | null> {
    const { db } = this.database;
    const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('chain', '=', MAIN_CHAIN).executeTakeFirstOrThrow();
    if (head.seq === this.lastSeq || head.seq === 0) return null;
    const checkpoint = signCheckpoint(this.options.key, { seq: head.seq, hash: head.hash, at: this.options.now() });
    // The file first: if the database write fails, the outside copy still holds.
    await appendLine(this.options.file, `${JSON.stringify(checkpoint)}\n`);
    await db
      .insertInto('audit_checkpoints')
      .values(checkpoint)
      .onConflict((conflict) => conflict.columns(['seq', 'key_id']).doNothing())
      .execute();
    this.lastSeq = head.seq;
    return checkpoint;
  }
}
