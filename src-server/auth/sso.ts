// Single sign-on with OpenID Connect (openid-client): the redirect-based
// authenticator behind the sign-in page. `startSignIn` keeps the device's pending
// authorization request with a fresh state, nonce and PKCE verifier (in the
// database, so any replica can take the callback) and sends the browser to the
// identity provider; `finishSignIn` takes the callback once, exchanges the code,
// validates the ID token (signature, issuer, audience, expiry, nonce) and hands
// the claims to sso-accounts.ts, which decides the account and its roles.
import * as oidc from 'openid-client';
import type { ServerContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import type { IdentityConfig, IdentityProvider } from './identity-config';
import type { AuthorizationRequest } from './oauth';
import { hashToken } from './secrets';
import { accountForClaims, type SsoRefusal } from './sso-accounts';
import { appendAuditEvent } from '../audit/chain';

export const SSO_REQUEST_MINUTES = 10;
export const SSO_CALLBACK_PATH = '/oauth/sso/callback';

export type SsoProblem =
  | 'state'
  | 'nonce'
  | 'audience'
  | 'expired'
  | 'signature'
  | 'provider_refused'
  | 'provider_unreachable'
  | 'invalid_token'
  | SsoRefusal;

export type SsoResult =
  | { ok: true; authorization: AuthorizationRequest; accountId: string }
  /** `authorization` is null when the callback matches no sign-in of ours (a bad or used state). */
  | { ok: false; problem: SsoProblem; authorization: AuthorizationRequest | null; provider: IdentityProvider | null; detail?: string };

/** Discovery once per provider (retried after a failure), shared by every sign-in. */
export class SsoProviders {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(readonly identity: IdentityConfig) {}

  get list(): readonly IdentityProvider[] {
    return this.identity.providers;
  }

  find(id: string): IdentityProvider | undefined {
    return this.identity.providers.find((provider) => provider.id === id);
  }

  configuration(provider: IdentityProvider): Promise<oidc.Configuration> {
    let found = this.configurations.get(provider.id);
    if (!found) {
      const issuer = new URL(provider.issuer);
      const secret = provider.secret();
      const insecure = issuer.protocol === 'http:';
      found = oidc.discovery(
        issuer,
        provider.clientId,
        secret === undefined ? { token_endpoint_auth_method: 'none' } : undefined,
        secret === undefined ? oidc.None() : oidc.ClientSecretPost(secret),
        // identity-config.ts allows plain http only for an issuer on this computer.
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      found.catch(() => this.configurations.delete(provider.id));
      this.configurations.set(provider.id, found);
    }
    return found;
  }
}

/** Where the browser goes next: the identity provider's authorization endpoint. */
export async function startSignIn(context: ServerContext, providers: SsoProviders, provider: IdentityProvider, authorization: AuthorizationRequest, language: string): Promise<string> {
  const configuration = await providers.configuration(provider);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const now = context.now();
  const { db } = context.database;
  await db.deleteFrom('sso_requests').where('expires_at', '<', now).execute();
  await db
    .insertInto('sso_requests')
    .values({
      state_hash: hashToken(state),
      provider_id: provider.id,
      nonce,
      code_verifier: verifier,
      authorization: JSON.stringify(authorization),
      language,
      expires_at: now + SSO_REQUEST_MINUTES * 60_000,
    })
    .execute();
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${context.publicUrl}${SSO_CALLBACK_PATH}`,
    scope: provider.scopes.join(' '),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return url.href;
}

/** What went wrong with the provider's answer, in our terms. */
function problemOf(error: unknown): SsoProblem {
  type Cause = { claim?: string; cause?: Cause };
  const { code, cause } = (error ?? {}) as { code?: string; cause?: Cause };
  // openid-client wraps oauth4webapi's error, whose cause names the claim.
  const claim = cause?.claim ?? cause?.cause?.claim;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce') return 'nonce';
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && (claim === 'aud' || claim === 'azp')) return 'audience';
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return 'expired';
  if (code === 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'OAUTH_KEY_SELECTION_FAILED') return 'signature';
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) return 'provider_refused';
  if (error instanceof TypeError) return 'provider_unreachable';
  return 'invalid_token';
}

/** The provider called back: take the pending sign-in (once), check everything, find or make the account. */
export async function finishSignIn(context: ServerContext, providers: SsoProviders, callbackUrl: URL): Promise<SsoResult> {
  const state = callbackUrl.searchParams.get('state');
  const { db } = context.database;
  const pending = state ? await db.selectFrom('sso_requests').selectAll().where('state_hash', '=', hashToken(state)).executeTakeFirst() : undefined;
  if (!pending) return { ok: false, problem: 'state', authorization: null, provider: null };
  // Used once: a replayed callback finds nothing.
  const taken = await db.deleteFrom('sso_requests').where('state_hash', '=', pending.state_hash).executeTakeFirst();
  const authorization = JSON.parse(pending.authorization) as AuthorizationRequest;
  const provider = providers.find(pending.provider_id) ?? null;
  if (taken.numDeletedRows !== 1n || pending.expires_at <= context.now() || !provider) {
    return { ok: false, problem: 'state', authorization, provider };
  }
  let claims: Record<string, unknown>;
  try {
    const configuration = await providers.configuration(provider);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      expectedState: state!,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.code_verifier,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    // Some providers put groups and e-mail only in userinfo.
    if (tokens.access_token && (claims.email === undefined || claims[provider.groupsClaim] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (error) {
    const problem = problemOf(error);
    context.log.warn('single sign-on refused', { provider: provider.id, problem, reason: error instanceof Error ? error.message : 'unknown' });
    await appendAuditEvent(context.database.db, context.database.dialect, { action: 'auth.sign_in_refused', accountId: null, detail: { method: 'oidc', provider: provider.id, reason: problem } }, context.now());
    return { ok: false, problem, authorization, provider, detail: error instanceof Error ? error.message : undefined };
  }
  const organizations = providers.identity.organizations;
  let account;
  try {
    account = await accountForClaims(context, provider, claims, organizations);
  } catch (error) {
    // Two first sign-ins of one person raced to make the account: the other made it; use it.
    if (!isUniqueViolation(error)) throw error;
    account = await accountForClaims(context, provider, claims, organizations);
  }
  if (!account.ok) {
    context.log.warn('single sign-on refused', { provider: provider.id, problem: account.problem });
    await appendAuditEvent(context.database.db, context.database.dialect, { action: 'auth.sign_in_refused', accountId: null, detail: { method: 'oidc', provider: provider.id, reason: account.problem } }, context.now());
    return { ok: false, problem: account.problem, authorization, provider };
  }
  return { ok: true, authorization, accountId: account.accountId };
}
