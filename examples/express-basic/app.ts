import express, { type Express } from 'express';
import { createApiward } from 'apiward/express';
import { apiwardOptions } from './example-auth';

/** The example API: `protect(app)` makes every route need a valid token unless it is marked public. */
export function createApp(): Express {
  const apiward = createApiward(apiwardOptions);
  const app = apiward.protect(express());

  app.get('/health', apiward.public({ reason: 'load balancer health check' }), (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Deny by default already requires a valid token here, and `req.principal` is typed. Strict authorization
  // also wants to know who may call it: any signed-in caller, on purpose (no marker at all answers 403).
  app.get('/me', apiward.anyAuthenticated({ reason: 'every caller reads their own principal' }), (req, res) => {
    const principal = req.principal!;
    res.json({ subject: principal.subject, scopes: principal.scopes, credential: principal.credential });
  });

  return app;
}
