// A real OpenID Provider (oidc-provider) on 127.0.0.1 for tests and benchmarks.
// Its login step signs in whoever the test names (`signInAs`), and its grant is
// given without a consent page, so a sign-in runs without a person. `tamper`
// re-signs the next ID token with the provider's own key after changing a claim,
// as a provider that is misconfigured (or an attacker holding its key) would.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { identityConfigFrom, type IdentityConfig } from '../auth/identity-config';

export interface TestPerson {
  email: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the provider signs in next, by subject. */
  people: Map<string, TestPerson>;
  signInAs: string;
  /** Changes the claims of ID tokens (then re-signs them) until set back to null. */
  tamper: ((claims: Record<string, unknown>) => void) | null;
  /** Registers the relying party's callback (the team server's address is known only after it starts). */
  allowCallback(url: string): void;
  close(): Promise<void>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function resign(token: string, key: KeyObject, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  change(claims);
  const signingInput = `${header}.${base64url(claims)}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key).toString('base64url')}`;
}

export async function startIdentityProvider(
  options: {
    clientId?: string;
    clientSecret?: string;
    /** false: e-mail and groups only from userinfo (oidc-provider's default); true: in the ID token too, as Keycloak, Entra ID and Google send them. */
    claimsInIdToken?: boolean;
  } = {},
): Promise<TestIdentityProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = options.clientId ?? 'realmultillm-team-server';
  const clientSecret = options.clientSecret ?? 'test-client-secret-of-at-least-32-characters';
  let handler: ((request: http.IncomingMessage, response: http.ServerResponse) => void) | null = null;
  const state: TestIdentityProvider = {
    issuer,
    clientId,
    clientSecret,
    people: new Map(),
    signInAs: '',
    tamper: null,
    allowCallback: (url) => void (handler = providerFor(url)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  // The provider is made once the relying party's callback is known (oidc-provider fixes its clients at start).
  function providerFor(redirectUri: string) {
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [jwk as never] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      scopes: ['openid', 'email', 'profile', 'groups'],
      cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      conformIdTokenClaims: !(options.claimsInIdToken ?? true),
      ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      findAccount: (_ctx, sub) => {
        const person = state.people.get(sub);
        if (!person) return undefined;
        return {
          accountId: sub,
          claims: () => ({ sub, email: person.email, email_verified: person.emailVerified ?? true, name: person.name ?? person.email, groups: person.groups ?? [] }),
        };
      },
      // No consent page: the grant covers what the client asked for.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid email profile groups');
        await grant.save();
        return grant;
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    };
    const provider = new Provider(issuer, configuration);
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.path === '/token' && state.tamper && ctx.body && typeof ctx.body === 'object' && 'id_token' in ctx.body) {
        const body = ctx.body as { id_token: string };
        body.id_token = resign(body.id_token, privateKey, state.tamper);
      }
    });
    const callback = provider.callback();
    return (request: http.IncomingMessage, response: http.ServerResponse) => {
      if (request.method === 'GET' && request.url?.startsWith('/interaction/')) {
        // The login step: whoever the test named.
        provider
          .interactionFinished(request, response, { login: { accountId: state.signInAs } }, { mergeWithLastSubmission: false })
          .catch((error: unknown) => {
            response.statusCode = 500;
            response.end(String(error));
          });
        return;
      }
      void callback(request, response);
    };
  }
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (handler) return handler(request, response);
    response.statusCode = 503;
    response.end('the test has not told the provider its relying party yet');
  });
  return state;
}

/** The identity configuration of one organization whose provider is `idp`. */
export function identityFor(
  idp: TestIdentityProvider,
  org: { id: string; name: string; owner?: string; domains?: Array<{ domain: string; role?: 'admin' | 'member' | 'auditor' }>; roles?: Record<string, 'admin' | 'member' | 'auditor'> },
  providerId = `${org.id}-idp`,
): IdentityConfig {
  return identityConfigFrom(
    {
      organizations: [
        {
          id: org.id,
          name: org.name,
          ...(org.owner ? { owner: org.owner } : {}),
          domains: org.domains ?? [],
          identityProviders: [
            {
              id: providerId,
              label: `${org.name} SSO`,
              issuer: idp.issuer,
              clientId: idp.clientId,
              clientSecretEnv: 'TEST_IDP_SECRET',
              scopes: ['openid', 'email', 'profile', 'groups'],
              roles: org.roles ?? {},
            },
          ],
        },
      ],
    },
    { env: { TEST_IDP_SECRET: idp.clientSecret } },
  );
}
