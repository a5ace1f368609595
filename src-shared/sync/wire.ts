// What travels between a device and the team server: every endpoint's request and
// reply as a zod schema, the limits both ends keep, and the error codes. See
// docs/SYNC.md for what each endpoint does.
import { z } from 'zod';
import { ATTACHMENT_LIMITS } from '../entities/attachment-limits';

export const PROTOCOL_VERSION = 1;
/** The versions this build speaks; a server answers 426 outside them. */
export const PROTOCOL_RANGE = { min: 1, max: 1 } as const;
export const PROTOCOL_HEADER = 'RealMultiLLM-Protocol';

export const PUSH_MAX_CHANGES = 1000;
export const PUSH_MAX_BYTES = 1024 * 1024;
export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;
export const BLOB_MAX_BYTES = ATTACHMENT_LIMITS.fileBytes;
/** The desktop app's OAuth client id (a public client: PKCE, no secret). */
export const DESKTOP_CLIENT_ID = 'realmultillm-desktop';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const EVENTS_PATH = '/api/v1/sync/events';
/** The PostgreSQL channel on which replicas tell each other that a space moved. */
export const HEAD_CHANNEL = 'rmllm_space_head';

const HLC = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/, 'must be a hybrid logical clock value');
export const SpaceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID');
/** A change id: a UUID, or an outbox row's id and a message id joined by ':' (one change of an imported conversation). */
const ChangeId = z.string().regex(/^[0-9a-f-]{36}(:[0-9a-f-]{36})?$/, 'must be a UUID');
const FieldValue = z.union([z.string(), z.number(), z.null()]);

export const Change = z.strictObject({
  id: ChangeId,
  table: z.string().min(1).max(64),
  /** The row's id; for settings, the setting's key. */
  row: z.string().min(1).max(256),
  fields: z.record(z.string().max(64), FieldValue),
  hlc: HLC,
  deleted: z.boolean(),
});
export type Change = z.infer<typeof Change>;

export const PushRequest = z.strictObject({
  space: SpaceId,
  changes: z.array(Change).min(1).max(PUSH_MAX_CHANGES),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushReply = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /** The space's head after the push. */
  seq: z.number().int(),
});
export type PushReply = z.infer<typeof PushReply>;

const Seq = z.coerce.number().int().nonnegative();
const Limit = z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT);

export const PullQuery = z.object({ space: SpaceId, since: Seq.default(0), limit: Limit });
export type PullQuery = z.infer<typeof PullQuery>;

export const PulledChange = Change.extend({ seq: z.number().int() });
export type PulledChange = z.infer<typeof PulledChange>;

export const PullReply = z.object({
  changes: z.array(PulledChange),
  /** The last sequence returned (or `since` when none): the next pull's `since`. */
  next: z.number().int(),
  more: z.boolean(),
});
export type PullReply = z.infer<typeof PullReply>;

export const SnapshotQuery = z.object({ space: SpaceId, cursor: z.string().max(2048).optional(), limit: Limit });
export type SnapshotQuery = z.infer<typeof SnapshotQuery>;

export const SnapshotRow = z.object({
  table: z.string(),
  row: z.string(),
  fields: z.record(z.string(), FieldValue),
  clocks: z.record(z.string(), HLC),
  deleted: z.boolean(),
  deletedHlc: HLC.nullable(),
});
export type SnapshotRow = z.infer<typeof SnapshotRow>;

export const SnapshotReply = z.object({
  rows: z.array(SnapshotRow),
  /** The sequence the first page read; pull from here once the last page is in. */
  seq: z.number().int(),
  /** Pass it back for the next page; null after the last page. */
  cursor: z.string().nullable(),
});
export type SnapshotReply = z.infer<typeof SnapshotReply>;

export const Hello = z.object({
  protocol: z.object({ min: z.number().int(), max: z.number().int() }),
  server: z.object({ name: z.string(), version: z.string() }),
});
export type Hello = z.infer<typeof Hello>;

export const Role = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof Role>;

export const SpaceSummary = z.object({
  id: SpaceId,
  name: z.string(),
  kind: z.enum(['personal', 'shared']),
  role: Role,
  head: z.number().int(),
});
export type SpaceSummary = z.infer<typeof SpaceSummary>;

/** A role in an organization: its owner (one), admins, members, and auditors (read-only). */
export const OrgRole = z.enum(['owner', 'admin', 'member', 'auditor']);
export type OrgRole = z.infer<typeof OrgRole>;

export const OrgId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes');

export const OrgSummary = z.object({ id: OrgId, name: z.string(), role: OrgRole, requireSso: z.boolean() });
export type OrgSummary = z.infer<typeof OrgSummary>;

export const Me = z.object({
  account: z.object({ id: z.string(), email: z.string(), name: z.string(), admin: z.boolean() }),
  device: z.object({ id: z.string(), name: z.string(), platform: z.string(), createdAt: z.number().int() }),
  spaces: z.array(SpaceSummary),
  /** Added in server 0.2 (older servers send none). */
  organizations: z.array(OrgSummary).default([]),
});
export type Me = z.infer<typeof Me>;

export const CreateSpaceRequest = z.strictObject({
  /** The device may choose the id, so that repeating the request makes one space. */
  id: SpaceId.optional(),
  name: z.string().trim().min(1).max(200),
});
export type CreateSpaceRequest = z.infer<typeof CreateSpaceRequest>;

export const Email = z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address').max(320));

export const MemberRequest = z.strictObject({ email: Email, role: Role });
export type MemberRequest = z.infer<typeof MemberRequest>;

export const Member = z.object({ accountId: z.string(), email: z.string(), name: z.string(), role: Role });
export type Member = z.infer<typeof Member>;

export const InvitationRequest = z.strictObject({
  email: Email.optional(),
  /** A shared space the new account joins, with this role. */
  space: SpaceId.optional(),
  role: Role.optional(),
  hours: z.number().int().min(1).max(24 * 30).default(72),
});
export type InvitationRequest = z.infer<typeof InvitationRequest>;

export const InvitationReply = z.object({ url: z.string(), expiresAt: z.number().int() });
export type InvitationReply = z.infer<typeof InvitationReply>;

export const CreateOrgRequest = z.strictObject({ id: OrgId, name: z.string().trim().min(1).max(200) });
export const UpdateOrgRequest = z.strictObject({ name: z.string().trim().min(1).max(200).optional(), requireSso: z.boolean().optional() });
export const OrgMemberRequest = z.strictObject({ email: Email, role: OrgRole.exclude(['owner']) });
export const OrgMember = z.object({ accountId: z.string(), email: z.string(), name: z.string(), role: OrgRole });
export type OrgMember = z.infer<typeof OrgMember>;
export const OrgInvitationRequest = z.strictObject({
  email: Email.optional(),
  role: OrgRole.exclude(['owner']).default('member'),
  hours: z.number().int().min(1).max(24 * 30).default(72),
});
export const TransferOwnershipRequest = z.strictObject({ accountId: z.string().min(1).max(64) });
export const TeamRequest = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const Team = z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) });
export type Team = z.infer<typeof Team>;

/** A signed-in device as its owner (or an admin of the owner's organization) sees it. */
export const DeviceSummary = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.string(),
  appVersion: z.string().nullable(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  current: z.boolean(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

/** The header a device names its app version in (kept on the device's row). */
export const APP_VERSION_HEADER = 'RealMultiLLM-App-Version';

/** What the events WebSocket says: a space the device can read is now at `seq`. */
export const SpaceHeadEvent = z.object({ type: z.literal('at'), space: SpaceId, seq: z.number().int() });
export type SpaceHeadEvent = z.infer<typeof SpaceHeadEvent>;

/** POST /oauth/token's reply (RFC 6749 §5.1). */
export const TokenReply = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  refresh_token: z.string(),
  device_id: z.string(),
});
export type TokenReply = z.infer<typeof TokenReply>;

/** /oauth/token's errors keep RFC 6749 §5.2's shape, so any OAuth client reads them. */
export const OAuthError = z.object({ error: z.string(), error_description: z.string() });

export const ERROR_CODES = [
  'protocol.missing',
  'protocol.client_too_old',
  'protocol.server_too_old',
  'request.bad_json',
  'request.invalid',
  'request.too_large',
  'request.unsupported_type',
  'request.not_found',
  'auth.required',
  'auth.invalid_token',
  'auth.admin_only',
  'sync.forbidden',
  'sync.invalid_change',
  'sync.batch_too_large',
  'sync.clock_ahead',
  'sync.cursor_invalid',
  'sync.cursor_ahead',
  'spaces.personal',
  'spaces.last_owner',
  'spaces.no_account',
  'orgs.forbidden',
  'orgs.exists',
  'orgs.no_account',
  'orgs.owner_only',
  'orgs.not_member',
  'devices.not_found',
  'blobs.hash_mismatch',
  'blobs.too_large',
  'blobs.not_found',
  'server.unavailable',
  'server.fault',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
