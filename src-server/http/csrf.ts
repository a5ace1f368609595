// CSRF protection for the server's forms: a double-submitted token. The page sets
// it as a SameSite=Strict, HttpOnly cookie and as a hidden field; a post is taken
// only when both are there and equal, which another site cannot arrange.
import type { Request, Response } from 'express';
import { newToken, sameSecret } from '../auth/secrets';

const COOKIE = 'rmllm_csrf';

function cookieOf(request: Request): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

/** The token to put in the page's form; sets the cookie when the browser has none. */
export function csrfToken(request: Request, response: Response, secure: boolean): string {
  const existing = cookieOf(request);
  if (existing && /^rmcs_[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken('csrf');
  response.append('Set-Cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`);
  return token;
}

export function csrfValid(request: Request): boolean {
  const cookie = cookieOf(request);
  const field = (request.body as Record<string, unknown> | undefined)?.csrf;
  return cookie !== null && typeof field === 'string' && sameSecret(cookie, field);
}
