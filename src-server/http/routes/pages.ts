// The setup page (the first admin) and the invitation page (a new account, and a
// membership when the invitation names a space). Plain forms; see ../pages.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { Email } from '../../../src-shared/sync/wire';
import { createAccount, findAccountByEmail } from '../../auth/accounts';
import { findLink, useLink, type LinkProblem } from '../../auth/links';
import { hashPassword, PASSWORD_MIN_LENGTH } from '../../auth/secrets';
import type { ServerContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { putOrgMember } from '../../orgs/organizations';
import { csrfToken, csrfValid } from '../csrf';
import { form, page, paragraph, type Field } from '../pages/html';
import { pickLanguage, TEXT, type PageText } from '../pages/text';
import { appendAuditEvent } from '../../audit/chain';

type Kind = 'setup' | 'invite';

const problemText = (text: PageText, problem: LinkProblem) =>
  problem === 'used' ? text.linkUsed : problem === 'expired' ? text.linkExpired : text.linkUnknown;

export function accountPages(context: ServerContext): Router {
  const router = express.Router();
  const secure = context.publicUrl.startsWith('https:');
  const textOf = (request: Request) => TEXT[pickLanguage(request.headers['accept-language'])];
  const languageOf = (request: Request) => pickLanguage(request.headers['accept-language']);

  function render(request: Request, response: Response, kind: Kind, token: string, values: { email?: string; name?: string }, problem?: string): void {
    const text = textOf(request);
    const fields: Field[] = [
      { name: 'csrf', label: '', type: 'hidden', value: csrfToken(request, response, secure) },
      { name: 'token', label: '', type: 'hidden', value: token },
      { name: 'name', label: text.name, type: 'text', value: values.name ?? '', autocomplete: 'name' },
      { name: 'email', label: text.email, type: 'email', value: values.email ?? '', autocomplete: 'email' },
      { name: 'password', label: text.newPassword, type: 'password', autocomplete: 'new-password' },
      { name: 'confirm', label: text.confirmPassword, type: 'password', autocomplete: 'new-password' },
    ];
    const title = kind === 'setup' ? text.setupTitle : text.inviteTitle;
    const lead = kind === 'setup' ? text.setupLead : text.inviteLead;
    const body = paragraph(lead) + (problem ? paragraph(problem, 'error') : '') + form(`/${kind}`, fields, text.create);
    response.status(problem ? 400 : 200).type('html').send(page(languageOf(request), title, body));
  }

  function message(request: Request, response: Response, status: number, title: string, text: string, kind: 'error' | 'done'): void {
    response.status(status).type('html').send(page(languageOf(request), title, paragraph(text, kind)));
  }

  for (const kind of ['setup', 'invite'] as const) {
    router.get(`/${kind}`, async (request, response) => {
      const text = textOf(request);
      const token = typeof request.query.token === 'string' ? request.query.token : '';
      const found = await findLink(context, kind, token);
      if (!found.ok) return message(request, response, 410, text.badRequestTitle, problemText(text, found.problem), 'error');
      render(request, response, kind, token, { email: found.link.email ?? '' });
    });

    router.post(`/${kind}`, async (request, response) => {
      const text = textOf(request);
      const body = z.record(z.string(), z.unknown()).catch({}).parse(request.body);
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
      const token = field('token');
      const values = { email: field('email'), name: field('name').trim() };
      if (!csrfValid(request)) return render(request, response, kind, token, values, text.formExpired);
      const found = await findLink(context, kind, token);
      if (!found.ok) return message(request, response, 410, text.badRequestTitle, problemText(text, found.problem), 'error');
      const link = found.link;
      const email = Email.safeParse(link.email ?? values.email);
      if (!values.name || values.name.length > 200) return render(request, response, kind, token, values, text.nameMissing);
      if (!email.success) return render(request, response, kind, token, values, text.emailInvalid);
      if (field('password').length < PASSWORD_MIN_LENGTH) return render(request, response, kind, token, values, text.passwordShort);
      if (field('password') !== field('confirm')) return render(request, response, kind, token, values, text.passwordsDiffer);
      if (await findAccountByEmail(context.database.db, email.data)) return render(request, response, kind, token, values, text.emailTaken);
      const passwordHash = await hashPassword(field('password'));
      const now = context.now();
      let made: boolean;
      try {
        made = await context.database.db.transaction().execute(async (trx) => {
          if (!(await useLink(trx, link.hash, now))) return false;
          const account = await createAccount(trx, { email: email.data, name: values.name, passwordHash, admin: kind === 'setup' }, now);
          const action = kind === 'setup' ? 'admin.setup' : 'admin.invitation_used';
          await appendAuditEvent(trx, context.database.dialect, { action, accountId: account.id, spaceId: link.space_id, detail: { invitedBy: link.created_by, role: link.role } }, now);
          if (link.space_id && link.role) {
            await trx
              .insertInto('members')
              .values({ space_id: link.space_id, account_id: account.id, role: link.role, created_at: now })
              .onConflict((conflict) => conflict.columns(['space_id', 'account_id']).doNothing())
              .execute();
            await context.database.heads.inTransaction(trx, { type: 'members', space: link.space_id });
          }
          if (link.org_id && link.org_role) await putOrgMember(trx, link.org_id, account.id, link.org_role, now);
          return true;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return render(request, response, kind, token, values, text.emailTaken);
        throw error;
      }
      if (!made) return message(request, response, 410, text.badRequestTitle, text.linkUsed, 'error');
      if (link.space_id) context.database.heads.committed({ type: 'members', space: link.space_id });
      message(request, response, 201, text.createdTitle, text.createdLead(context.publicUrl), 'done');
    });
  }
  return router;
}
