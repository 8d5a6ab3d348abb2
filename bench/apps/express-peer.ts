import express, { type NextFunction, type Request, type Response } from 'express';
import { expressjwt, type Request as JwtRequest } from 'express-jwt';
import { rateLimit } from 'express-rate-limit';
import { BENCH_AUDIENCE, BENCH_ISSUER, BENCH_SCOPE, type BenchSecrets } from '../lib/bench-secrets';
import { listenExpress } from './express-bare';
import { itemPayload, NEVER_REACHED_LIMIT, type StartedApp } from './variant-app';

/** The docs' scope check after express-jwt (what LeastPrivilege does in apiward). */
function requireScope(scope: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const claim = (req as JwtRequest).auth?.scope;
    if (typeof claim === 'string' && claim.split(' ').includes(scope)) return next();
    res.status(403).json({ error: 'insufficient_scope' });
  };
}

/** `express-peer-hs256`: express-rate-limit + express-jwt (secret as a string, as their README shows). */
export function startExpressPeer(secrets: BenchSecrets): Promise<StartedApp> {
  const app = express();
  app.use(rateLimit({ windowMs: 60_000, limit: NEVER_REACHED_LIMIT, standardHeaders: 'draft-8', legacyHeaders: false }));
  app.use(expressjwt({ secret: secrets.hsSecret, algorithms: ['HS256'], issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE }));
  app.get('/bench/items/:id', requireScope(BENCH_SCOPE), (req, res) => {
    res.json(itemPayload(String(req.params.id)));
  });
  return listenExpress(app);
}
