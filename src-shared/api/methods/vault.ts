// API keys: the renderer can file, replace, delete and list keys, and see and
// change where they are kept; it never receives a key. Settings export/import
// lives here too, because whether keys travel with it is the vault's decision.
import { z } from 'zod';
import { Id, KeyBackend, KeyStatus, UserError } from '../../domain';
import { Empty } from './common';

/** A key's name within its provider, e.g. "personal" or "work"; the core checks the characters. */
export const KeyLabel = z.string().trim().min(1, 'needs a name').max(40);

/** Whether a backend can read and save keys now, and if not, what the user must do. */
export const BackendState = z.enum(['ready', 'locked', 'unavailable', 'needs-consent']);
export type BackendState = z.infer<typeof BackendState>;

/**
 * Why the backend new keys go to is the one in use, as a code the renderer words
 * (the backend itself is beside it in the status).
 */
export const VaultReasonCode = z.enum([
  /** Recorded as the backend last run. */
  'saved-last-time',
  /** Most of the recorded keys are there. */
  'keys-kept-there',
  /** The user moved the keys there. */
  'chosen',
  'keychain-answered',
  'keychain-locked',
  /** The keychain is offered but cannot be reached; keys go to the next backend that can. */
  'keychain-unreachable',
  /** This run offers no keychain (the browser host was told not to use one). */
  'no-keychain',
  /** safeStorage would keep keys unencrypted and waits for consent. */
  'safe-storage-no-keyring',
  'none-answers',
]);
export type VaultReasonCode = z.infer<typeof VaultReasonCode>;

export const VaultReason = z.object({
  code: VaultReasonCode,
  /** The backend recorded last run, when this run cannot use it. */
  unusable: KeyBackend.nullable(),
  /** The system keychain's own words when it could not be reached (untrusted: shown as quoted text). */
  said: z.string().nullable(),
});
export type VaultReason = z.infer<typeof VaultReason>;

export const KeyRef = z.object({
  provider: z.string(),
  /** The provider's name when it still exists. */
  providerName: z.string().nullable(),
  label: z.string(),
  backend: KeyBackend,
});
export type KeyRef = z.infer<typeof KeyRef>;

export const KeyProblem = KeyRef.extend({ error: UserError });
export type KeyProblem = z.infer<typeof KeyProblem>;

export const VaultStatus = z.object({
  /** Where new keys are saved. */
  backend: KeyBackend,
  state: BackendState,
  /** The keychain or key file must be unlocked before keys can be used. */
  locked: z.boolean(),
  /** safeStorage would store keys unencrypted (Linux `basic_text`) and the user has not agreed. */
  needsConsent: z.boolean(),
  /** What is wrong and what to do (a coded error the renderer words); null when ready. */
  problem: UserError.nullable(),
  /** Why this backend is the one in use. */
  reason: VaultReason,
  /** The passphrase-protected key file; null when this run offers none. `exists: false`: unlocking creates it. */
  passphraseFile: z.object({ exists: z.boolean(), unlocked: z.boolean() }).nullable(),
  plaintext: z.object({
    /** safeStorage is offered and would keep keys unencrypted on this system. */
    applies: z.boolean(),
    consent: z.boolean(),
    consentAt: z.number().int().nullable(),
  }),
  /** Every backend this run can use, for "move keys to…". */
  backends: z.array(z.object({ backend: KeyBackend, state: BackendState, problem: UserError.nullable(), keys: z.number().int() })),
  keys: z.number().int(),
  /** Keys kept on another backend than `backend` (a move that could not finish). */
  keysElsewhere: z.number().int(),
  /** Keys that could not be read in this run, by name: never silently dropped. */
  unreadable: z.array(KeyProblem),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const MigrationReport = z.object({
  backend: KeyBackend,
  moved: z.array(KeyRef),
  /** Not moved: still where they were, readable there once the problem is fixed. */
  failed: z.array(KeyProblem),
  /** Moved, but the old copy could not be removed from the previous backend. */
  leftCopies: z.array(KeyProblem),
  status: VaultStatus,
});
export type MigrationReport = z.infer<typeof MigrationReport>;

export const KeyCheck = KeyRef.extend({ ok: z.boolean(), error: UserError.nullable() });
export type KeyCheck = z.infer<typeof KeyCheck>;

const Passphrase = z.string().min(1, 'needs a passphrase').max(1024);

export const SettingsExport = z.object({
  fileName: z.string(),
  /** The file's text (JSON). Keys appear only inside `encryptedKeys`, sealed with the passphrase. */
  content: z.string(),
  includesKeys: z.boolean(),
  keys: z.number().int(),
  /** Keys that could not be read, so are not in the export. */
  skipped: z.array(KeyProblem),
});
export type SettingsExport = z.infer<typeof SettingsExport>;

export const SettingsImportResult = z.object({
  providers: z.number().int(),
  settings: z.number().int(),
  keys: z.number().int(),
  /** The file holds encrypted keys and no passphrase was given: nothing else was skipped. */
  keysLeftOut: z.number().int(),
});
export type SettingsImportResult = z.infer<typeof SettingsImportResult>;

export const vaultMethods = {
  /** Every key of every provider (several per provider, one default each). */
  'vault.list': {
    input: Empty,
    output: z.array(KeyStatus),
  },
  'vault.status': {
    input: Empty,
    output: VaultStatus,
  },
  /** Files a key; `label` defaults to "default"; a provider's first key becomes its default. */
  'vault.setKey': {
    input: z.object({ provider: Id, key: z.string().min(1).max(4096), label: KeyLabel.optional(), makeDefault: z.boolean().optional() }).strict(),
    output: KeyStatus,
  },
  /** Deletes one key, or every key of the provider when `label` is omitted; returns the provider's default key after. */
  'vault.deleteKey': {
    input: z.object({ provider: Id, label: KeyLabel.optional() }).strict(),
    output: KeyStatus,
  },
  'vault.setDefault': {
    input: z.object({ provider: Id, label: KeyLabel }).strict(),
    output: KeyStatus,
  },
  /** Opens the passphrase key file (creating it, when there is none, with this passphrase). */
  'vault.unlock': {
    input: z.object({ passphrase: Passphrase }).strict(),
    output: VaultStatus,
  },
  'vault.lock': {
    input: Empty,
    output: VaultStatus,
  },
  /** Gives or withdraws consent to keep keys unencrypted where safeStorage has no keyring (Linux `basic_text`). */
  'vault.setPlaintextConsent': {
    input: z.object({ consent: z.boolean() }).strict(),
    output: VaultStatus,
  },
  /** Moves every key to `to` (copy, verify, then delete the old); new keys go there too. */
  'vault.migrate': {
    input: z.object({ to: KeyBackend }).strict(),
    output: MigrationReport,
  },
  /** Reads every key once and reports, by name, any that cannot be read. */
  'vault.verify': {
    input: Empty,
    output: z.array(KeyCheck),
  },
  /** Providers, their settings and the synced app settings; keys only when `passphrase` is given (encrypted). */
  'settings.export': {
    input: z.object({ passphrase: Passphrase.optional() }).strict(),
    output: SettingsExport,
  },
  'settings.import': {
    input: z.object({ content: z.string().min(1).max(5_000_000), passphrase: Passphrase.optional() }).strict(),
    output: SettingsImportResult,
  },
} as const;
