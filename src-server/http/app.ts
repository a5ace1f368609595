// The express application: security headers, health, the pages, device sign-in,
// the API, and the error handler last. Nothing here listens; see ../server.ts.
import express, { type Express } from 'express';
import { NO_IDENTITY, type IdentityConfig } from '../auth/identity-config';
import { SsoProviders } from '../auth/sso';
import type { ServerContext } from '../context';
import { isReachable } from '../db/open';
import { PostgresHeadBus } from '../db/heads';
import { errorHandler, notFound } from './errors';
import { PAGES_CSS } from './pages/style';
import { adminPages, INVITATION_PAGE } from './routes/admin';
import { apiRoutes } from './routes/api';
import { oauthRoutes } from './routes/oauth';
import { accountPages } from './routes/pages';

export function createApp(context: ServerContext, options: { trustProxy: boolean; identity?: IdentityConfig }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use((_request, response, next) => {
    response.setHeader('Content-Security-Policy', "default-src 'self'; base-uri 'none'; frame-ancestors 'none'");
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // Setup and invitation links carry their token in the address: never pass it on.
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  app.get('/healthz', (_request, response) => {
    response.json({ ok: true });
  });
  app.get('/readyz', async (_request, response) => {
    const database = await isReachable(context.database);
    const heads = context.database.heads;
    const listening = heads instanceof PostgresHeadBus ? heads.listening : true;
    response.status(database && listening ? 200 : 503).json({ database, listening });
  });
  app.get('/assets/pages.css', (_request, response) => {
    response.type('css').setHeader('Cache-Control', 'public, max-age=3600');
    response.send(PAGES_CSS);
  });

  const form = express.urlencoded({ extended: false, limit: '16kb' });
  app.use(['/setup', '/invite', '/oauth', INVITATION_PAGE], form);
  app.use(accountPages(context));
  app.use(adminPages(context));
  app.use(oauthRoutes(context, new SsoProviders(options.identity ?? NO_IDENTITY)));
  app.use(apiRoutes(context));
  app.use(notFound);
  app.use(errorHandler(context.log));
  return app;
}
