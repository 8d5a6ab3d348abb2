import express5 from 'express';
import express4 from 'express4';
import type { Request, Response } from 'express';
import type { AntiEnumerationOptions, SecurityEvent } from '../../../src';
import { createApiward } from '../../../src/express';
import { testAuthOptions } from '../tokens';
import { listenOn } from './express-test-app';
import {
  CUSTOMER_BUDGETS,
  CUSTOMER_REASON,
  customerExists,
  ECHO_BUDGETS,
  ENUMERATION_MODULE_OPTIONS,
  LOOKUP_ANSWER,
  LOOKUP_BUDGETS,
  PING_BUDGETS,
  PUBLIC_REASON,
  REAL_EMAILS,
  RESET_BUDGETS,
  type EnumerationTestApp,
} from './enumeration-api';

type ExpressFactory = typeof express5;

const notFound = (): Error => Object.assign(new Error('not found'), { status: 404 });

async function start(platform: string, express: ExpressFactory, options: AntiEnumerationOptions): Promise<EnumerationTestApp> {
  const events: SecurityEvent[] = [];
  const ward = createApiward({ auth: testAuthOptions(), antiEnumeration: options, onSecurityEvent: (event) => void events.push(event) });
  const app = express();
  app.use(express.json());
  const api = ward.router();
  api.get('/customers/:id', ward.anyAuthenticated({ reason: CUSTOMER_REASON }), ward.antiEnumeration(CUSTOMER_BUDGETS), (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!customerExists(id)) {
      res.status(404).json({ message: 'Not Found', statusCode: 404 });
      return;
    }
    res.json({ id });
  });
  api.get(
    '/users/lookup',
    ward.public({ reason: PUBLIC_REASON }),
    ward.antiEnumeration(LOOKUP_BUDGETS),
    ward.uniformLookupResponse(LOOKUP_ANSWER, (req) => {
      const email = (req.query as Record<string, unknown>).email;
      if (typeof email !== 'string' || !REAL_EMAILS.has(email)) throw notFound();
      return Promise.resolve({ found: email });
    }),
  );
  api.post('/password-reset', ward.public({ reason: PUBLIC_REASON }), ward.antiEnumeration(RESET_BUDGETS), (_req: Request, res: Response) => {
    res.status(202).json({ message: 'sent if it exists' });
  });
  api.get('/ping', ward.public({ reason: PUBLIC_REASON }), ward.antiEnumeration(PING_BUDGETS), (_req: Request, res: Response) => {
    res.json({ pong: true });
  });
  api.get('/echo', ward.public({ reason: PUBLIC_REASON }), ward.antiEnumeration(ECHO_BUDGETS), (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    res.json({ email: query.email, phone: query.phone });
  });
  app.use(api);
  app.use(ward.unknownRoutes());
  const running = await listenOn(platform, app);
  return {
    ...running,
    events,
    close: async () => {
      await running.close();
      await ward.engine.close();
    },
  };
}

export const startEnumerationExpress5App = (options: AntiEnumerationOptions = ENUMERATION_MODULE_OPTIONS): Promise<EnumerationTestApp> => start('express5', express5, options);
export const startEnumerationExpress4App = (options: AntiEnumerationOptions = ENUMERATION_MODULE_OPTIONS): Promise<EnumerationTestApp> =>
  start('express4', express4 as unknown as ExpressFactory, options);
