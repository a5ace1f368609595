// What the vault keeps in SQLite about each key: metadata, and (for the
// safeStorage backend only) the ciphertext. Never plaintext; never synced.
import { z } from 'zod';
import { Id } from '../domain';

export const VaultBackend = z.enum(['keychain', 'safe-storage', 'passphrase-file']);
export type VaultBackend = z.infer<typeof VaultBackend>;

export const VaultRecord = z.object({
  id: Id,
  providerId: z.string().min(1).max(200),
  label: z.string().max(100),
  isDefault: z.boolean(),
  backend: VaultBackend,
  /** The key's last 4 characters, for the user to recognise it. */
  hint: z.string().max(8).nullable(),
  /** safeStorage ciphertext; null for backends that keep the key elsewhere. */
  encrypted: z.instanceof(Uint8Array).nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type VaultRecord = z.infer<typeof VaultRecord>;
