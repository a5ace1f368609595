// Moves keys to another backend without ever holding the only copy in flight:
// for each key, copy it to the target, read it back and compare, point its record
// at the target, and only then delete the old copy. A key that fails at any step
// stays where it was, its record unchanged, and is reported by name.
import { AppError } from '../../../src-shared/api/errors';
import type { KeyProblem, KeyRef } from '../../../src-shared/api/methods/vault';
import type { VaultRecord } from '../../../src-shared/entities/vault-records';
import type { Ciphertext, KeyBackend } from './backend';
import { keyProblem, keyRef, readRecord, type VaultContext } from './key-records';
import { slotFor } from './key-status';

export interface MoveResult {
  moved: KeyRef[];
  failed: KeyProblem[];
  leftCopies: KeyProblem[];
}

function asAppError(error: unknown, fallback: string): AppError {
  return error instanceof AppError ? error : new AppError('vault.migrate_failed', fallback);
}

async function copyAndVerify(target: KeyBackend, record: VaultRecord, secret: string): Promise<Ciphertext | null> {
  const slot = slotFor(record.providerId, record.label);
  const encrypted = await target.write(slot, secret);
  const back = await target.read(slot, encrypted).catch(() => null);
  if (back?.secret !== secret) {
    await target.remove(slot).catch(() => undefined);
    throw new AppError('vault.migrate_verify_failed', 'The copy in the new place did not read back the same, so the key was left where it was.');
  }
  return encrypted;
}

/** Moves every record not already on `target` there; `target` must be ready. */
export async function moveKeys(ctx: VaultContext, target: KeyBackend, records: readonly VaultRecord[]): Promise<MoveResult> {
  const result: MoveResult = { moved: [], failed: [], leftCopies: [] };
  for (const record of records) {
    if (record.backend === target.id) continue;
    let secret: string;
    try {
      secret = await readRecord(ctx, record);
    } catch (error) {
      result.failed.push(await keyProblem(ctx, record, asAppError(error, 'The key could not be read.')));
      continue;
    }
    let encrypted: Ciphertext | null;
    try {
      encrypted = await copyAndVerify(target, record, secret);
    } catch (error) {
      result.failed.push(await keyProblem(ctx, record, asAppError(error, 'The key could not be saved in the new place; it was left where it was.')));
      continue;
    }
    const moved: VaultRecord = { ...record, backend: target.id, encrypted };
    try {
      await ctx.store.putVaultRecord(moved);
    } catch (error) {
      // The record still names the old backend, which still has the key: undo the copy.
      await target.remove(slotFor(record.providerId, record.label)).catch(() => undefined);
      ctx.log?.warn('vault record update failed during a move', { provider: record.providerId, label: record.label, error });
      result.failed.push(await keyProblem(ctx, record, new AppError('vault.migrate_failed', 'Its record could not be updated, so the key was left where it was.')));
      continue;
    }
    result.moved.push(await keyRef(ctx, moved));
    const source = ctx.backends.get(record.backend);
    try {
      await source?.remove(slotFor(record.providerId, record.label));
    } catch (error) {
      ctx.log?.warn('old copy of a moved key was not removed', { provider: record.providerId, label: record.label, backend: record.backend });
      result.leftCopies.push(
        await keyProblem(ctx, record, asAppError(error, `The old copy could not be removed from its previous place; remove it there by hand if you wish.`)),
      );
    }
  }
  return result;
}
