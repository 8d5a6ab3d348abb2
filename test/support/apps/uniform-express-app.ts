import express5 from 'express';
import express4 from 'express4';
import type { NextFunction, Request, Response } from 'express';
import type { SecurityEvent } from '../../../src';
import { createApiward } from '../../../src/express';
import { testAuthOptions } from '../tokens';
import { listenOn } from './express-test-app';
import { requestReset, RESET_ANSWER, RESET_REASON, SLOW_ANSWER, slowLookup, type Mail, type UniformTestApp } from './uniform-api';

type ExpressFactory = typeof express5;

function notFound(): Error {
  return Object.assign(new Error('not found'), { status: 404 });
}

async function start(platform: string, express: ExpressFactory): Promise<UniformTestApp> {
  const outbox: Mail[] = [];
  const events: SecurityEvent[] = [];
  const ward = createApiward({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
  const app = express();
  app.use(express.json());
  // Middleware before the route: its headers do not depend on the lookup and are kept.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  const api = ward.router();
  api.post(
    '/password-reset',
    ward.public({ reason: RESET_REASON }),
    ward.uniformLookupResponse(RESET_ANSWER, (req, defer) =>
      requestReset(req.body, {
        defer,
        outbox,
        notFound,
        // The handler is not given the response; one that reaches for it anyway changes nothing.
        setHeader: (name, value) => req.res?.setHeader(name, value),
        answered: () => req.res?.writableEnded === true,
      }),
    ),
  );
  api.post('/slow-reset', ward.public({ reason: RESET_REASON }), ward.uniformLookupResponse(SLOW_ANSWER, () => slowLookup()));
  app.use(api);
  const running = await listenOn(platform, app);
  return { ...running, outbox, events };
}

export const startUniformExpress5App = (): Promise<UniformTestApp> => start('express5', express5);
export const startUniformExpress4App = (): Promise<UniformTestApp> => start('express4', express4 as unknown as ExpressFactory);
