// The server's tables as Kysely sees them (the same on SQLite and PostgreSQL).
// Times are Unix milliseconds; JSON columns are text, parsed by the code that owns them.
import type { Generated } from 'kysely';
import type { OrgRole, Role } from '../../src-shared/sync/wire';

export interface AccountsTable {
  id: string;
  email: string;
  name: string;
  /** null for an account that signs in only through an identity provider. */
  password_hash: string | null;
  admin: number;
  personal_space_id: string;
  created_at: number;
}

export interface SpacesTable {
  id: string;
  name: string;
  kind: 'personal' | 'shared';
  /** The last sequence given to a change of this space. */
  head: Generated<number>;
  created_at: number;
}

export interface MembersTable {
  space_id: string;
  account_id: string;
  role: Role;
  created_at: number;
}

export interface DevicesTable {
  id: string;
  account_id: string;
  name: string;
  platform: string;
  created_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  /** The app version the device last said it runs (null: it never said). */
  app_version: string | null;
}

/** Access and refresh tokens, by the SHA-256 of the token: the token itself is never stored. */
export interface DeviceTokensTable {
  hash: string;
  kind: 'access' | 'refresh';
  device_id: string;
  expires_at: number;
  used_at: number | null;
}

export interface AuthCodesTable {
  hash: string;
  account_id: string;
  redirect_uri: string;
  code_challenge: string;
  device_name: string;
  device_platform: string;
  expires_at: number;
  used_at: number | null;
  /** The device made when the code was redeemed: a second redemption revokes it. */
  device_id: string | null;
  app_version: string | null;
}

/** One-time links: the first admin's setup link and invitations. */
export interface LinksTable {
  hash: string;
  kind: 'setup' | 'invite';
  email: string | null;
  space_id: string | null;
  role: Role | null;
  created_by: string | null;
  expires_at: number;
  used_at: number | null;
  /** An invitation into an organization, with the role the new account gets there. */
  org_id: string | null;
  org_role: OrgRole | null;
}

export interface SignInFailuresTable {
  /** `account:<id>` or `ip:<address>`. */
  key: string;
  failures: number;
  window_started_at: number;
}

export interface ChangesTable {
  space_id: string;
  seq: number;
  change_id: string;
  table_name: string;
  row_id: string;
  fields: string;
  hlc: string;
  deleted: number;
  account_id: string;
  device_id: string;
  received_at: number;
}

export interface RowsTable {
  space_id: string;
  table_name: string;
  row_id: string;
  fields: string;
  /** Only the clocks that differ from `deleted_hlc` (sync/stored-row.ts). */
  clocks: string;
  deleted: number;
  deleted_hlc: string | null;
  /** The sequence of the last change folded into this row. */
  seq: number;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  data: Uint8Array;
  uploaded_by: string;
  created_at: number;
}

/** Which spaces reference a blob (an attachments row naming its hash): their members may read it. */
export interface BlobRefsTable {
  space_id: string;
  sha256: string;
}

/** The audit chain (audit/chain.ts): each event carries the hash of the one before. */
export interface AuditEventsTable {
  seq: number;
  id: string;
  at: number;
  account_id: string | null;
  device_id: string | null;
  space_id: string | null;
  action: string;
  /** JSON with sorted keys: ids, tables and counts, never content. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Where each chain ends; its row lock orders appends from every replica. */
export interface AuditHeadTable {
  chain: string;
  seq: number;
  hash: string;
}

/** Checkpoints of the chain signed with the server's Ed25519 key (also written to a file outside the database). */
export interface AuditCheckpointsTable {
  seq: number;
  hash: string;
  at: number;
  key_id: string;
  /** base64 Ed25519 signature of encodeCheckpoint(). */
  signature: string;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  /** 1: members sign in only through the organization's identity providers (passwords refused). */
  require_sso: number;
  created_at: number;
}

export interface OrgMembersTable {
  org_id: string;
  account_id: string;
  role: OrgRole;
  created_at: number;
}

export interface TeamsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  account_id: string;
  created_at: number;
}

/** Which account an identity provider's subject (`sub`) is. */
export interface IdentitiesTable {
  provider_id: string;
  subject: string;
  account_id: string;
  created_at: number;
  last_sign_in_at: number;
}

/** A sign-in sent to an identity provider, by the SHA-256 of its state; used once, 10 minutes at most. */
export interface SsoRequestsTable {
  state_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  /** JSON: the device's pending AuthorizationRequest (auth/oauth.ts). */
  authorization: string;
  language: string;
  expires_at: number;
}

export interface Tables {
  accounts: AccountsTable;
  spaces: SpacesTable;
  members: MembersTable;
  devices: DevicesTable;
  device_tokens: DeviceTokensTable;
  auth_codes: AuthCodesTable;
  links: LinksTable;
  sign_in_failures: SignInFailuresTable;
  changes: ChangesTable;
  rows: RowsTable;
  blobs: BlobsTable;
  blob_refs: BlobRefsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  organizations: OrganizationsTable;
  org_members: OrgMembersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  identities: IdentitiesTable;
  sso_requests: SsoRequestsTable;
}
