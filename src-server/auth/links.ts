// One-time links: the setup link that makes the first admin, and invitations an
// admin makes (an account, and optionally a membership of a shared space or an
// organization). Only the
// token's hash is stored; using a link marks it used in the same transaction that
// makes the account, so it works once even when two people race.
import type { Transaction } from 'kysely';
import type { OrgRole, Role } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import type { LinksTable, Tables } from '../db/tables';
import { hasAdmin } from './accounts';
import { hashToken, newToken } from './secrets';
import { appendAuditEvent } from '../audit/chain';

export const SETUP_LINK_HOURS = 24;

export type LinkProblem = 'unknown' | 'used' | 'expired';
export type LinkLookup = { ok: true; link: LinksTable } | { ok: false; problem: LinkProblem };

/** A new setup link, or null when an admin exists already (setup is over). */
export async function makeSetupLink(context: ServerContext): Promise<string | null> {
  if (await hasAdmin(context.database.db)) return null;
  const token = newToken('link');
  await context.database.db
    .insertInto('links')
    .values({
      hash: hashToken(token),
      kind: 'setup',
      email: null,
      space_id: null,
      role: null,
      created_by: null,
      expires_at: context.now() + SETUP_LINK_HOURS * 3_600_000,
      used_at: null,
      org_id: null,
      org_role: null,
    })
    .execute();
  return `${context.publicUrl}/setup?token=${token}`;
}

export async function makeInvitation(
  context: ServerContext,
  invitation: { createdBy: string; email: string | null; space: string | null; role: Role | null; org: { id: string; role: OrgRole } | null; hours: number },
): Promise<{ url: string; expiresAt: number }> {
  const token = newToken('link');
  const now = context.now();
  const expiresAt = now + invitation.hours * 3_600_000;
  const { db, dialect } = context.database;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('links')
      .values({
        hash: hashToken(token),
        kind: 'invite',
        email: invitation.email,
        space_id: invitation.space,
        role: invitation.role,
        created_by: invitation.createdBy,
        expires_at: expiresAt,
        used_at: null,
        org_id: invitation.org?.id ?? null,
        org_role: invitation.org?.role ?? null,
      })
      .execute();
    const detail = { role: invitation.role, org: invitation.org?.id ?? null, orgRole: invitation.org?.role ?? null, hours: invitation.hours, forEmail: invitation.email !== null };
    await appendAuditEvent(trx, dialect, { action: 'admin.invitation_created', accountId: invitation.createdBy, spaceId: invitation.space, detail }, now);
  });
  return { url: `${context.publicUrl}/invite?token=${token}`, expiresAt };
}

export async function findLink(context: ServerContext, kind: LinksTable['kind'], token: string): Promise<LinkLookup> {
  const link = await context.database.db.selectFrom('links').selectAll().where('hash', '=', hashToken(token)).where('kind', '=', kind).executeTakeFirst();
  if (!link) return { ok: false, problem: 'unknown' };
  if (link.used_at !== null) return { ok: false, problem: 'used' };
  if (link.expires_at <= context.now()) return { ok: false, problem: 'expired' };
  return { ok: true, link };
}

/** Marks the link used; false when another request used it first or it expired meanwhile. */
export async function useLink(trx: Transaction<Tables>, hash: string, now: number): Promise<boolean> {
  const result = await trx
    .updateTable('links')
    .set({ used_at: now })
    .where('hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
