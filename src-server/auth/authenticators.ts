// The seam where a way of proving who someone is plugs in. Whatever proves the
// person (a password today; OpenID Connect and SAML next) ends in an account id,
// and the same authorization flow (oauth.ts) turns that into a device's code.
// A form-based authenticator checks the sign-in page's fields; a redirect-based
// one (an identity provider: sso.ts) keeps the pending request and finishes it
// when the provider calls back, through the same `finishAuthorization`.
import { appendAuditEvent } from '../audit/chain';
import type { ServerContext } from '../context';
import { ssoRequiredBy } from '../orgs/organizations';
import { findAccountByEmail } from './accounts';
import { accountKey, addressKey, clearFailures, lockedUntil, recordFailure } from './rate-limit';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './secrets';

export type AuthenticationResult =
  | { ok: true; accountId: string }
  | { ok: false; reason: 'wrong_credentials' }
  | { ok: false; reason: 'locked'; until: number }
  /** The password was right, but an organization of the account signs in only through its identity provider. */
  | { ok: false; reason: 'sso_required'; organization: string };

export interface SignInAttempt {
  fields: Record<string, string>;
  ip: string;
}

export interface FormAuthenticator {
  id: string;
  authenticate(context: ServerContext, attempt: SignInAttempt): Promise<AuthenticationResult>;
}

export const passwordAuthenticator: FormAuthenticator = {
  id: 'password',
  async authenticate({ database: { db, dialect }, now }, { fields, ip }) {
    const email = (fields.email ?? '').trim().toLowerCase();
    const password = fields.password ?? '';
    const account = email ? await findAccountByEmail(db, email) : undefined;
    const keys = account ? [accountKey(account.id), addressKey(ip)] : [addressKey(ip)];
    const until = await lockedUntil(db, keys, now());
    const refused = (reason: string) => appendAuditEvent(db, dialect, { action: 'auth.sign_in_refused', accountId: account?.id ?? null, detail: { method: 'password', reason, ip } }, now());
    if (until !== null) {
      await refused('locked');
      return { ok: false, reason: 'locked', until };
    }
    // The same work whether or not the account exists, so timing does not tell.
    const valid = await verifyPassword(password, account?.password_hash ?? (await DUMMY_PASSWORD_HASH));
    if (!account || !account.password_hash || !valid) {
      await recordFailure(db, keys, now());
      await refused('wrong_credentials');
      return { ok: false, reason: 'wrong_credentials' };
    }
    await clearFailures(db, accountKey(account.id));
    const organization = await ssoRequiredBy(db, account.id);
    if (organization !== null) return { ok: false, reason: 'sso_required', organization };
    return { ok: true, accountId: account.id };
  },
};
