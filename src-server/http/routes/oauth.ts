// Device sign-in (RFC 8252): the authorization page, the token endpoint and
// revocation. The page offers a button per identity provider (single sign-on,
// ../../auth/sso.ts) and the password form; any authenticator's success ends in
// finishAuthorization, which sends the app its one-time code.
import express, { type Request, type Response, type Router } from 'express';
import { passwordAuthenticator, type FormAuthenticator } from '../../auth/authenticators';
import { finishSignIn, SSO_CALLBACK_PATH, startSignIn, type SsoProviders } from '../../auth/sso';
import {
  finishAuthorization,
  parseAuthorizationRequest,
  redeemCode,
  redirectWithError,
  refreshTokens,
  revokeByToken,
  type AuthorizationRequest,
  type TokenResult,
} from '../../auth/oauth';
import type { ServerContext } from '../../context';
import { csrfToken, csrfValid } from '../csrf';
import { form, page, paragraph, type Field } from '../pages/html';
import { pickLanguage, TEXT } from '../pages/text';

const AUTHENTICATORS: readonly FormAuthenticator[] = [passwordAuthenticator];

const stringsOf = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export function oauthRoutes(context: ServerContext, providers: SsoProviders): Router {
  const router = express.Router();
  const secure = context.publicUrl.startsWith('https:');

  function signInPage(request: Request, response: Response, authorization: AuthorizationRequest, values: { email?: string }, problem?: { status: number; text: string }): void {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const hidden: Field[] = [
      { name: 'csrf', label: '', type: 'hidden', value: csrfToken(request, response, secure) },
      { name: 'client_id', label: '', type: 'hidden', value: authorization.clientId },
      { name: 'redirect_uri', label: '', type: 'hidden', value: authorization.redirectUri },
      { name: 'state', label: '', type: 'hidden', value: authorization.state },
      { name: 'response_type', label: '', type: 'hidden', value: 'code' },
      { name: 'code_challenge', label: '', type: 'hidden', value: authorization.codeChallenge },
      { name: 'code_challenge_method', label: '', type: 'hidden', value: 'S256' },
      { name: 'device_name', label: '', type: 'hidden', value: authorization.deviceName },
      { name: 'device_platform', label: '', type: 'hidden', value: authorization.devicePlatform },
      ...(authorization.appVersion ? [{ name: 'app_version', label: '', type: 'hidden' as const, value: authorization.appVersion }] : []),
    ];
    const fields: Field[] = [
      ...hidden,
      { name: 'email', label: text.email, type: 'email', value: values.email ?? '', autocomplete: 'username' },
      { name: 'password', label: text.password, type: 'password', autocomplete: 'current-password' },
    ];
    const sso = providers.list
      .map((provider) => form('/oauth/sso', [...hidden, { name: 'provider', label: '', type: 'hidden', value: provider.id }], text.signInWith(provider.label)))
      .join('\n');
    const body =
      paragraph(text.signInLead) +
      (problem ? paragraph(problem.text, 'error') : '') +
      (sso ? sso + paragraph(text.orPassword, 'muted') : '') +
      form('/oauth/authorize', fields, text.signIn);
    response.status(problem?.status ?? 200).type('html').send(page(language, text.signInTitle, body));
  }

  async function authorize(request: Request, response: Response, input: Record<string, unknown>, submitted: boolean): Promise<void> {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const parsed = parseAuthorizationRequest(input);
    if (!parsed.ok) {
      if (parsed.redirect) return response.redirect(303, redirectWithError(parsed));
      response.status(400).type('html').send(page(language, text.badRequestTitle, paragraph(parsed.description, 'error')));
      return;
    }
    if (!submitted) return signInPage(request, response, parsed.request, {});
    const fields = stringsOf(request.body);
    if (!csrfValid(request)) return signInPage(request, response, parsed.request, { email: fields.email }, { status: 400, text: text.formExpired });
    const authenticator = AUTHENTICATORS.find((candidate) => candidate.id === fields.method) ?? passwordAuthenticator;
    const result = await authenticator.authenticate(context, { fields, ip: request.ip ?? request.socket.remoteAddress ?? 'unknown' });
    if (!result.ok) {
      const problem =
        result.reason === 'locked'
          ? { status: 429, text: text.locked(Math.max(1, Math.ceil((result.until - context.now()) / 60_000))) }
          : result.reason === 'sso_required'
            ? { status: 403, text: text.ssoRequired(result.organization) }
            : { status: 401, text: text.wrongPassword };
      return signInPage(request, response, parsed.request, { email: fields.email }, problem);
    }
    response.redirect(303, await finishAuthorization(context, parsed.request, result.accountId));
  }

  router.get('/oauth/authorize', (request, response) => authorize(request, response, request.query, false));
  router.post('/oauth/authorize', (request, response) => authorize(request, response, stringsOf(request.body), true));

  // A provider's button: keep the device's request and go to the identity provider.
  router.post('/oauth/sso', async (request, response) => {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const fields = stringsOf(request.body);
    const parsed = parseAuthorizationRequest(fields);
    if (!parsed.ok) {
      if (parsed.redirect) return response.redirect(303, redirectWithError(parsed));
      response.status(400).type('html').send(page(language, text.badRequestTitle, paragraph(parsed.description, 'error')));
      return;
    }
    if (!csrfValid(request)) return signInPage(request, response, parsed.request, {}, { status: 400, text: text.formExpired });
    const provider = providers.find(fields.provider ?? '');
    if (!provider) return signInPage(request, response, parsed.request, {}, { status: 400, text: text.formExpired });
    let url: string;
    try {
      url = await startSignIn(context, providers, provider, parsed.request, language);
    } catch (error) {
      context.log.warn('identity provider unreachable', { provider: provider.id, reason: error instanceof Error ? error.message : 'unknown' });
      return signInPage(request, response, parsed.request, {}, { status: 502, text: text.ssoProblems.provider_unreachable });
    }
    response.redirect(303, url);
  });

  // The identity provider sends the browser back here with a code (or an error).
  router.get(SSO_CALLBACK_PATH, async (request, response) => {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const result = await finishSignIn(context, providers, new URL(request.originalUrl, context.publicUrl));
    if (result.ok) return response.redirect(303, await finishAuthorization(context, result.authorization, result.accountId));
    const status = result.problem === 'provider_unreachable' ? 502 : result.problem === 'domain' ? 403 : 400;
    if (!result.authorization) {
      response.status(status).type('html').send(page(language, text.badRequestTitle, paragraph(text.ssoProblems[result.problem], 'error')));
      return;
    }
    signInPage(request, response, result.authorization, {}, { status, text: text.ssoProblems[result.problem] });
  });

  function sendTokenResult(response: Response, result: TokenResult): void {
    response.setHeader('Cache-Control', 'no-store');
    if (result.ok) {
      response.json(result.reply);
      return;
    }
    response.status(result.error === 'invalid_client' ? 401 : 400).json({ error: result.error, error_description: result.description });
  }

  router.post('/oauth/token', async (request, response) => {
    const body = stringsOf(request.body);
    if (body.grant_type === 'authorization_code') {
      return sendTokenResult(
        response,
        await redeemCode(context, { code: body.code ?? '', codeVerifier: body.code_verifier ?? '', redirectUri: body.redirect_uri ?? '', clientId: body.client_id ?? '' }),
      );
    }
    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token) return sendTokenResult(response, { ok: false, error: 'invalid_request', description: 'refresh_token is required' });
      return sendTokenResult(response, await refreshTokens(context, body.refresh_token));
    }
    sendTokenResult(response, { ok: false, error: 'unsupported_grant_type', description: 'grant_type must be authorization_code or refresh_token' });
  });

  router.post('/oauth/revoke', async (request, response) => {
    const token = stringsOf(request.body).token;
    if (token) await revokeByToken(context, token);
    response.status(200).json({});
  });

  return router;
}
