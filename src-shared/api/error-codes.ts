// Every error the core sends names one of these codes and gives the params its
// wording uses; the renderer words it in the user's language from its locale
// tables (src-renderer/i18n/locales/*/errors.ts), typed by this list, so a code
// without a wording fails the type check. Codes are stable: programs and stored
// replies keep them. Zod-free: the renderer takes values from here.

/** Closed word lists: a param named after one holds one of its words, and the renderer translates the word. */
export const ERROR_WORDS = {
  /** Why a connection to a provider failed. */
  cause: ['refused', 'no_such_host', 'lookup_failed', 'timed_out', 'network_unreachable', 'reset', 'certificate', 'blocked_port', 'unknown'],
  /** What kind of record a store lookup missed. */
  thing: ['goal', 'conversation', 'pipeline_run', 'comparison', 'attachment', 'parent_message', 'message', 'provider', 'pipeline'],
  /** Where a key is kept. */
  backend: ['keychain', 'safe-storage', 'passphrase-file'],
} as const;
export type ErrorWordList = keyof typeof ERROR_WORDS;
export type ErrorWord<L extends ErrorWordList> = (typeof ERROR_WORDS)[L][number];

/** Each code and the names of the params its wording uses. */
export const ERROR_PARAMS = {
  internal: [],
  'api.unknown_method': [],
  /** With `problems`: what is wrong with which field. */
  'api.invalid_input': [],
  'api.malformed_call': [],
  'ipc.refused': [],
  'ipc.unreachable': [],
  'connection.unavailable': [],
  'connection.closed': [],
  'connection.lost': [],

  'provider.bad_base_url': ['url'],
  'provider.no_key': ['provider'],
  'provider.connect_timeout': ['host', 'duration'],
  'provider.stalled': ['host', 'duration'],
  'provider.timeout': ['host'],
  'provider.cancelled': [],
  'provider.auth': ['host', 'status'],
  'provider.not_found': ['host', 'status'],
  /** A 429 that said how long to wait; `provider.rate_limited_unsaid` when it did not. */
  'provider.rate_limited': ['host', 'seconds'],
  'provider.rate_limited_unsaid': ['host'],
  'provider.overloaded': ['host'],
  'provider.server_error': ['host'],
  'provider.rejected': ['host', 'status'],
  'provider.unreachable': ['host', 'cause'],
  'provider.stream_broken': ['host'],
  'provider.failed': ['host', 'details'],
  'provider.missing': [],
  'provider.none': [],
  'provider.base_url_needed': ['kind', 'example'],
  'provider.test_nothing': [],
  'reply.too_long': ['max'],

  'conversation.missing': [],
  'message.missing': [],
  'folder.missing': [],
  'folder.exists': ['name'],
  'goal.missing': [],
  'goal.progress-kind': [],
  'goal.step-missing': [],
  'goal.invalid': [],
  'persona.missing': [],
  'chat.not_a_reply': [],
  'chat.not_a_prompt': [],
  'compare.missing': [],
  'compare.not_a_reply': [],
  'pipeline.missing': [],
  'pipeline.run_missing': [],
  'pipeline.empty': [],
  /** With `problems`: what is wrong in which step's template. */
  'pipeline.invalid': [],
  'attachment.too_large': ['name', 'size', 'limit'],
  'attachment.unsupported_image': ['name', 'mime'],
  'attachment.unsupported': ['name'],
  'attachment.no_vision': ['model', 'name'],

  'vault.locked': [],
  'vault.unavailable': [],
  'vault.consent_required': [],
  'vault.encrypt_failed': [],
  'vault.key_unreadable': [],
  'vault.keychain_failed': [],
  'vault.backend_unavailable': ['backend'],
  'vault.no_such_key': ['name'],
  'vault.no_key_file': [],
  'vault.key_missing': [],
  'vault.bad_provider': [],
  'vault.empty_key': [],
  'vault.key_too_long': ['max'],
  'vault.bad_key': [],
  'vault.bad_label': ['max'],
  'vault.file_truncated': ['file'],
  'vault.file_corrupt': ['file'],
  'vault.file_unsupported': ['file'],
  'vault.file_unreadable': ['file', 'details'],
  'vault.file_write_failed': ['file', 'details'],
  'vault.file_missing': ['file'],
  'vault.file_tampered': ['file'],
  'vault.wrong_passphrase': ['file'],
  'vault.empty_passphrase': [],
  'vault.weak_passphrase': ['min'],
  'vault.migrate_failed': [],
  'vault.migrate_verify_failed': [],

  'settings.weak_passphrase': ['min'],
  'settings.keys_damaged': [],
  'settings.wrong_passphrase': [],
  'settings.keys_tampered': [],
  'settings.not_an_export': [],
  'settings.newer_export': [],
  /** With `problems`: which field of the file is wrong. */
  'settings.damaged_export': [],

  'store.unreadable': ['file', 'details'],
  'store.newer-schema': ['file', 'found', 'known'],
  'store.migration-failed': ['file', 'version', 'details'],
  'store.attachment-missing': ['name', 'path'],
  'store.disk-full': ['file'],
  'store.read-only': ['file'],
  'store.not-found': ['thing', 'id'],
  'store.conflict': ['details'],
  'store.invalid': ['details'],
  'store.closed': ['file'],
  'store.worker-stopped': ['file', 'details'],

  'transfer.cancelled': [],
  'transfer.busy': [],
  'transfer.relative-path': ['path'],
  'transfer.exists': ['path'],
  'transfer.bad_format': [],
  'transfer.disk-full': ['path'],
  'transfer.read-only': ['path'],
  'transfer.no-folder': ['path'],
  /** With `problems`: which field of the request is wrong. */
  'transfer.invalid': [],
  'transfer.missing': [],
  'transfer.malformed': ['file', 'details'],
  'transfer.conversation_malformed': ['index', 'details'],
  'transfer.unreadable': ['file', 'details'],
  'transfer.partial': ['count', 'details'],
  'transfer.failed': ['details'],
  'transfer.stopped': [],
  /** A file grant (src-main/core/files) never minted, already used, or minted for the other access. */
  'transfer.not_granted': [],
  'transfer.grant_expired': ['minutes'],
  /** Browser mode: a typed path outside the data folder and the --allow-dir folders. */
  'transfer.outside_folders': ['path'],
  'transfer.wrong_extension': ['name', 'extension'],

  /** The browser host's side channels (POST /upload, /export, /grant). */
  'host.not_started': [],
  'host.foreign_origin': [],
  'host.stale_token': [],
  'host.upload_empty': [],
  'host.upload_too_large': ['size', 'max'],
  'host.upload_incomplete': [],
  'host.upload_disk_full': ['folder'],
  'host.upload_failed': ['folder', 'details'],
  'host.request_too_long': [],
  'host.request_not_json': [],
  'host.export_not_sent': [],

  'sync.not_configured': [],
  'sync.not_signed_in': [],
  'sync.signed_in': [],
  'sync.bad_server_url': ['url'],
  'sync.server_unreachable': ['host'],
  'sync.not_a_server': ['host'],
  'sync.server_error': ['host', 'status'],
  'sync.client_too_old': ['host'],
  'sync.server_too_old': ['host'],
  /** A device's clock is ahead of the server's by more than 5 minutes: `device` names it. */
  'sync.clock_ahead': ['device', 'seconds'],
  'sync.forbidden': ['space'],
  'sync.signed_out': ['host'],
  'sync.sign_in_failed': ['details'],
  'sync.sign_in_timeout': [],
  'sync.sign_in_busy': [],
  'sync.cursor_ahead': ['host'],
  'sync.refused': ['host', 'details'],
  'sync.space_missing': [],
  'sync.vault': [],

  'backup.unusable': ['name', 'details'],
  'backup.missing': ['name'],
  'backup.busy': [],
  'backup.restore-failed': ['name', 'copy', 'details'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Each problem code (one item of an error's `problems`) and the params its wording
 * uses. A template problem also carries `step` (its number) and `name` (the step's
 * name, maybe empty), which say where; an input problem's place is its `path`.
 */
export const PROBLEM_PARAMS = {
  'input.missing': [],
  'input.empty': [],
  'input.wrong_type': [],
  'input.too_short': ['min'],
  'input.too_long': ['max'],
  'input.too_few': ['min'],
  'input.too_many': ['max'],
  'input.too_small': ['min'],
  'input.not_above': ['min'],
  'input.too_big': ['max'],
  'input.not_below': ['max'],
  'input.not_one_of': ['allowed'],
  'input.bad_format': [],
  'input.unknown_fields': ['names'],
  'input.invalid': [],
  'template.unknown_placeholder': ['placeholder'],
  'template.no_previous': [],
  'template.not_earlier': ['placeholder'],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_PARAMS;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.prototype.hasOwnProperty.call(PROBLEM_PARAMS, code);
}

export type ErrorCode = keyof typeof ERROR_PARAMS;
type ParamName<C extends ErrorCode> = (typeof ERROR_PARAMS)[C][number];
type ParamValue<P extends string> = P extends ErrorWordList ? ErrorWord<P> : string | number;

/**
 * The params of one code. `said` may ride along on any error: untrusted words
 * from the other side (a provider's error body, the keychain's message), shown
 * as plain text after the wording.
 */
export type ErrorParams<C extends ErrorCode> = { [P in ParamName<C>]: ParamValue<P> } & { said?: string };

/** Params as they cross the contract. */
export type ErrorParamValues = Record<string, string | number>;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_PARAMS, code);
}

/** The problems of an error that crossed a process boundary, keeping only well-formed ones (text and numbers). */
export function plainProblems(value: unknown): { path: string; code: string; params: ErrorParamValues }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const plain = (params: unknown): ErrorParamValues =>
    typeof params === 'object' && params !== null
      ? (Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as ErrorParamValues)
      : {};
  return value
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof item.code === 'string')
    .map((item) => ({ path: typeof item.path === 'string' ? item.path : '', code: item.code as string, params: plain(item.params) }));
}

export function isErrorWord<L extends ErrorWordList>(list: L, word: unknown): word is ErrorWord<L> {
  return (ERROR_WORDS[list] as readonly unknown[]).includes(word);
}
