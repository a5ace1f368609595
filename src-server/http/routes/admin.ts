// The admin's invitation page: the same invitation POST /api/v1/invitations makes,
// for an admin with a browser instead of an API client. The page keeps no session:
// the admin signs in on the form itself (the password authenticator, with its
// rate limits), and the form is CSRF-protected like the other pages.
import express, { type Request, type Response, type Router } from 'express';
import { Email } from '../../../src-shared/sync/wire';
import { passwordAuthenticator } from '../../auth/authenticators';
import { makeInvitation } from '../../auth/links';
import type { ServerContext } from '../../context';
import { csrfToken, csrfValid } from '../csrf';
import { copyable, form, page, paragraph, type Field } from '../pages/html';
import { pickLanguage, TEXT } from '../pages/text';

export const INVITATION_PAGE = '/admin/invite';
const INVITATION_HOURS = 72;

const stringsOf = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export function adminPages(context: ServerContext): Router {
  const router = express.Router();
  const secure = context.publicUrl.startsWith('https:');

  function render(request: Request, response: Response, values: { email?: string; invitee?: string }, problem?: { status: number; text: string }): void {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const fields: Field[] = [
      { name: 'csrf', label: '', type: 'hidden', value: csrfToken(request, response, secure) },
      { name: 'email', label: text.adminEmail, type: 'email', value: values.email ?? '', autocomplete: 'username' },
      { name: 'password', label: text.password, type: 'password', autocomplete: 'current-password' },
      { name: 'invitee', label: text.inviteeEmail, type: 'email', value: values.invitee ?? '', autocomplete: 'off', optional: true },
    ];
    const body = paragraph(text.adminInviteLead) + (problem ? paragraph(problem.text, 'error') : '') + form(INVITATION_PAGE, fields, text.makeInvitation);
    response.status(problem?.status ?? 200).type('html').send(page(language, text.adminInviteTitle, body));
  }

  router.get(INVITATION_PAGE, (request, response) => render(request, response, {}));

  router.post(INVITATION_PAGE, async (request, response) => {
    const language = pickLanguage(request.headers['accept-language']);
    const text = TEXT[language];
    const fields = stringsOf(request.body);
    const values = { email: fields.email, invitee: (fields.invitee ?? '').trim() };
    if (!csrfValid(request)) return render(request, response, values, { status: 400, text: text.formExpired });
    const invitee = values.invitee ? Email.safeParse(values.invitee) : null;
    if (invitee && !invitee.success) return render(request, response, values, { status: 400, text: text.emailInvalid });
    const result = await passwordAuthenticator.authenticate(context, { fields, ip: request.ip ?? request.socket.remoteAddress ?? 'unknown' });
    if (!result.ok) {
      const problem =
        result.reason === 'locked'
          ? { status: 429, text: text.locked(Math.max(1, Math.ceil((result.until - context.now()) / 60_000))) }
          : result.reason === 'sso_required'
            ? { status: 403, text: text.adminSsoOnly(result.organization) }
            : { status: 401, text: text.wrongPassword };
      return render(request, response, values, problem);
    }
    const admin = await context.database.db.selectFrom('accounts').select('admin').where('id', '=', result.accountId).executeTakeFirstOrThrow();
    if (admin.admin !== 1) return render(request, response, values, { status: 403, text: text.adminOnly });
    const invitation = await makeInvitation(context, { createdBy: result.accountId, email: invitee?.data ?? null, space: null, role: null, org: null, hours: INVITATION_HOURS });
    const until = new Date(invitation.expiresAt).toISOString().slice(0, 16).replace('T', ' ');
    response.setHeader('Cache-Control', 'no-store');
    response
      .status(201)
      .type('html')
      .send(page(language, text.invitationMadeTitle, paragraph(text.invitationMadeLead(until), 'done') + copyable(text.invitationLink, invitation.url)));
  });

  return router;
}
