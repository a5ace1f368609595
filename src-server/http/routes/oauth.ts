// Device sign-in (RFC 8252): the authorization page, the token endpoint and
// revocation. The page offers the password form; any authenticator's success
// ends in finishAuthorization, which sends the app its one-time code.
import express, { type Request, type Response, type Router } from 'express';
import { passwordAuthenticator, type FormAuthenticator } from '../../auth/authenticators';
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

export function oauthRoutes(context: ServerContext): Router {
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
    ];
    const fields: Field[] = [
      ...hidden,
      { name: 'email', label: text.email, type: 'email', value: values.email ?? '', autocomplete: 'username' },
      { name: 'password', label: text.password, type: 'password', autocomplete: 'current-password' },
    ];
    const body = paragraph(text.signInLead) + (problem ? paragraph(problem.text, 'error') : '') + form('/oauth/authorize', fields, text.signIn);
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
          : { status: 401, text: text.wrongPassword };
      return signInPage(request, response, parsed.request, { email: fields.email }, problem);
    }
    response.redirect(303, await finishAuthorization(context, parsed.request, result.accountId));
  }

  router.get('/oauth/authorize', (request, response) => authorize(request, response, request.query, false));
  router.post('/oauth/authorize', (request, response) => authorize(request, response, stringsOf(request.body), true));

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
