import express from 'express';
import { createApiward } from '../../src/express';
import { BENCH_SCOPE, type BenchSecrets } from '../lib/bench-secrets';
import { apiwardOptions, BENCH_ANTI_ENUMERATION } from './apiward-options';
import { listenExpress } from './express-bare';
import { itemPayload, type StartedApp } from './variant-app';

/** `express-apiward-hs256`: a deny-by-default router, scope and AntiEnumeration markers on the route. */
export function startExpressApiward(secrets: BenchSecrets): Promise<StartedApp> {
  const ward = createApiward(apiwardOptions(secrets, { credential: 'hs256', store: 'memory' }).options);
  const app = express();
  const router = ward.router();
  router.get('/bench/items/:id', ward.leastPrivilege(BENCH_SCOPE), ward.antiEnumeration(BENCH_ANTI_ENUMERATION), (req, res) => {
    res.json(itemPayload(String(req.params.id)));
  });
  app.use(router);
  return listenExpress(app);
}
