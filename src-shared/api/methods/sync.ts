// Team sync from the renderer's side: which server, signing this device in and
// out (RFC 8252: the server's page opens in the system browser), which spaces
// sync, and one status the sidebar and Settings → Team sync show. Tokens never
// cross this contract. The protocol itself: docs/SYNC.md.
import { z } from 'zod';
import { Id, UserError } from '../../domain';
import { Empty } from './common';

const SpaceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a space id');

/** What sync is doing now: one of six states, each with what the UI shows. */
export const SyncState = z.discriminatedUnion('state', [
  /** No server is configured: the app is local only. */
  z.object({ state: z.literal('off') }),
  /** A server is configured, this device is not signed in (or was signed out by the server). */
  z.object({ state: z.literal('signed-out') }),
  /** Pushing or pulling; `total` is 0 while unknown (a first sync knows it from the snapshot). */
  z.object({ state: z.literal('syncing'), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** Everything is pushed and pulled, as of `at` (ms since the epoch). */
  z.object({ state: z.literal('synced'), at: z.number().int() }),
  /** The server cannot be reached; `waiting` local changes are kept and pushed later. */
  z.object({ state: z.literal('offline'), waiting: z.number().int().nonnegative() }),
  /** The server refused something: the error says what and what to do (code and params, worded by the renderer). */
  z.object({ state: z.literal('error'), error: UserError }),
]);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  /** The team server's address; null when sync is off. */
  serverUrl: z.string().nullable(),
  /** The signed-in account and this device; null when signed out. */
  account: z.object({ email: z.string(), name: z.string() }).nullable(),
  device: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** A sign-in waiting for the browser: its page's address (to show or open again). */
  signingIn: z.object({ url: z.string() }).nullable(),
  /** Local changes not yet pushed. */
  waiting: z.number().int().nonnegative(),
  /** The last time every change was pushed and pulled; null before the first. */
  lastSyncedAt: z.number().int().nullable(),
  status: SyncState,
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncSpace = z.object({
  id: SpaceId,
  name: z.string(),
  kind: z.enum(['personal', 'shared']),
  role: z.enum(['owner', 'editor', 'viewer']),
  /** Whether this device keeps a copy (the personal space always does). */
  synced: z.boolean(),
  /** Live conversations this device holds in the space. */
  conversations: z.number().int().nonnegative(),
});
export type SyncSpace = z.infer<typeof SyncSpace>;

export const syncMethods = {
  'sync.status': { input: Empty, output: SyncStatus },
  /**
   * Points the app at a team server (checks that it answers and speaks our
   * protocol) or, with null, turns sync off. Refused while signed in: sign out first.
   */
  'sync.configure': {
    input: z.object({ serverUrl: z.string().trim().max(2048).nullable() }).strict(),
    output: SyncStatus,
  },
  /**
   * Starts signing this device in: the core listens on a loopback address and
   * returns the server's sign-in page. `opened`: the core opened it in the system
   * browser (desktop); otherwise the renderer opens `url` in a new tab. The
   * result arrives as `sync.status` events.
   */
  'sync.signIn': {
    /** `language`: the app's language, for the page the browser shows when it comes back (else the browser's). */
    input: z.object({ language: z.enum(['en', 'de']).optional() }).strict(),
    output: z.object({ url: z.string(), opened: z.boolean() }),
  },
  /** Stops a sign-in that is waiting for the browser. */
  'sync.cancelSignIn': { input: Empty, output: SyncStatus },
  /**
   * Signs this device out on the server and forgets its tokens. Local data stays;
   * `removeSharedCopies` also removes this device's copy of shared (team) spaces.
   */
  'sync.signOut': { input: z.object({ removeSharedCopies: z.boolean() }).strict(), output: SyncStatus },
  /** The account's spaces and which of them this device syncs. */
  'sync.spaces': { input: Empty, output: z.array(SyncSpace) },
  /** Chooses the shared spaces this device syncs (the personal space always syncs). */
  'sync.setSpaces': { input: z.object({ spaces: z.array(SpaceId).max(1000) }).strict(), output: z.array(SyncSpace) },
  /** Pushes and pulls now rather than at the next signal. */
  'sync.now': { input: Empty, output: SyncStatus },
  /** Moves a conversation (its messages, tags and attachments) into another space the account can write. */
  'sync.moveConversation': {
    input: z.object({ conversationId: Id, spaceId: SpaceId }).strict(),
    output: z.object({ conversationId: Id, spaceId: SpaceId }),
  },
} as const;

export const syncEvents = {
  /** Sync's status changed (state, account, waiting count). */
  'sync.status': SyncStatus,
} as const;
