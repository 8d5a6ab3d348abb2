import { createServer, type Server } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import type { Request, Response } from 'express';
import type { ApiwardOptions } from '../../../src';
import { createApiward, type ExpressApiward, type RouteHost } from '../../../src/express';
import { baseUrlOf } from '../http';
import { ADMIN_MAX_AUTH_AGE_MS, ANY_AUTHENTICATED_REASON, FORGOTTEN_BODY, HEALTH_BODY, HEALTH_REASON, principalView, type TestApp } from './test-api';

type Registrar = RouteHost & { get(path: string, ...handlers: unknown[]): unknown };

/** The same routes as the Nest test controller, registered on a deny-by-default app or router. */
export function registerTestRoutes(host: Registrar, ward: ExpressApiward): void {
  const view = (req: Request, res: Response): void => {
    res.json(principalView(req.principal));
  };
  host.get('/health', ward.public({ reason: HEALTH_REASON }), (_req: Request, res: Response) => res.json(HEALTH_BODY));
  const any = ward.anyAuthenticated({ reason: ANY_AUTHENTICATED_REASON });
  host.get('/me', ward.requireAuth(), any, view);
  host.get('/admin', ward.requireAuth({ mfa: true, maxAuthAgeMs: ADMIN_MAX_AUTH_AGE_MS }), any, view);
  host.get('/reports', ward.requireAuth({ accept: ['apiKey'] }), any, view);
  // No marker at all: the protected host must still require authentication.
  host.get('/forgotten', (_req: Request, res: Response) => res.json(FORGOTTEN_BODY));
}

/** Listens on 127.0.0.1:0 and closes every connection on close. */
export function listenOn(platform: string, handler: Parameters<typeof createServer>[1]): Promise<TestApp> {
  const server: Server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        platform,
        baseUrl: baseUrlOf(server),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** The test API on Express 5, through `ward.router()`. */
export function startExpress5App(options: ApiwardOptions): Promise<TestApp> {
  const ward = createApiward(options);
  const app = express5();
  const api = ward.router();
  registerTestRoutes(api, ward);
  app.use(api);
  return listenOn('express5', app);
}

/** The test API on Express 4, through `ward.protect(app)`. */
export function startExpress4App(options: ApiwardOptions): Promise<TestApp> {
  const ward = createApiward(options);
  const app = ward.protect(express4());
  registerTestRoutes(app, ward);
  return listenOn('express4', app);
}
