// Who a validated ID token is: the account linked to the provider's subject, or
// the account with the same verified e-mail, or a new one made just in time, and
// the role in the provider's organization. Someone joins the organization only
// when they are a member already or their e-mail domain has a rule for it; the
// role comes from their groups when the provider maps one, else stays, else the
// domain rule's. Every check comes before the one transaction that writes, so a
// refused sign-in changes nothing.
import type { OrgRole } from '../../src-shared/sync/wire';
import type { ServerContext } from '../context';
import { claimConfiguredOwner, putOrgMember } from '../orgs/organizations';
import { ORG_RANK, orgRoleOf } from '../orgs/roles';
import { createAccount, findAccountByEmail } from './accounts';
import type { IdentityProvider, OrganizationConfig } from './identity-config';

export type SsoRefusal = 'email_missing' | 'email_unverified' | 'domain';

export type ClaimsResult = { ok: true; accountId: string } | { ok: false; problem: SsoRefusal | 'invalid_token' };

const stringClaim = (value: unknown, max = 320): string | null => (typeof value === 'string' && value.length > 0 && value.length <= max ? value : null);

/** The highest role the person's groups map to, or null when none maps. */
export function roleFromGroups(provider: IdentityProvider, claims: Record<string, unknown>): Exclude<OrgRole, 'owner'> | null {
  const raw = claims[provider.groupsClaim];
  const groups = Array.isArray(raw) ? raw.filter((group): group is string => typeof group === 'string') : typeof raw === 'string' ? [raw] : [];
  let best: Exclude<OrgRole, 'owner'> | null = null;
  for (const group of groups) {
    const role = provider.roles[group];
    if (role && (best === null || ORG_RANK[role] > ORG_RANK[best])) best = role;
  }
  return best;
}

export function domainRule(org: OrganizationConfig | undefined, email: string | null) {
  const domain = email?.split('@')[1];
  return domain ? org?.domains.find((rule) => rule.domain === domain) : undefined;
}

export async function accountForClaims(
  context: ServerContext,
  provider: IdentityProvider,
  claims: Record<string, unknown>,
  organizations: OrganizationConfig[],
): Promise<ClaimsResult> {
  const { db } = context.database;
  const subject = stringClaim(claims.sub, 255);
  if (!subject) return { ok: false, problem: 'invalid_token' };
  const rawEmail = stringClaim(claims.email);
  const email = rawEmail ? rawEmail.trim().toLowerCase() : null;
  const verified = claims.email_verified === true || provider.trustEmail;
  const org = organizations.find((candidate) => candidate.id === provider.orgId);
  const rule = domainRule(org, email);

  const linked = await db.selectFrom('identities').select('account_id').where('provider_id', '=', provider.id).where('subject', '=', subject).executeTakeFirst();
  let accountId = linked?.account_id ?? null;
  if (!accountId) {
    if (!email) return { ok: false, problem: 'email_missing' };
    if (!verified) return { ok: false, problem: 'email_unverified' };
    accountId = (await findAccountByEmail(db, email))?.id ?? null;
  }
  const current = accountId ? await orgRoleOf(db, accountId, provider.orgId) : null;
  if (current === null && !rule) return { ok: false, problem: 'domain' };
  const mapped = roleFromGroups(provider, claims);
  const role: OrgRole = current === 'owner' ? 'owner' : (mapped ?? current ?? rule!.role);

  const now = context.now();
  const name = stringClaim(claims.name, 200) ?? stringClaim(claims.preferred_username, 200) ?? email!.split('@')[0]!;
  return context.database.db.transaction().execute(async (trx) => {
    const id = accountId ?? (await createAccount(trx, { email: email!, name, passwordHash: null, admin: false }, now)).id;
    await trx
      .insertInto('identities')
      .values({ provider_id: provider.id, subject, account_id: id, created_at: now, last_sign_in_at: now })
      .onConflict((conflict) => conflict.columns(['provider_id', 'subject']).doUpdateSet({ last_sign_in_at: now }))
      .execute();
    if (role !== current) await putOrgMember(trx, provider.orgId, id, role, now);
    if (org?.owner && email === org.owner) await claimConfiguredOwner(trx, provider.orgId, org.owner, now);
    return { ok: true, accountId: id };
  });
}
