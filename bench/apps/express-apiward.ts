import express from 'express';
import { createApiward } from '../../src/express';
import { BENCH_SCOPE, type BenchSecrets } from '../lib/bench-secrets';
import { apiwardOptions, BENCH_ANTI_ENUMERATION } from './apiward-options';
import { listenExpress } from './express-bare';
import { itemPayload, type StartedApp } from './variant-app';

/**
 * `express-apiward-hs256`: the whole app made deny-by-default with `ward.protect(app)`, the scope and
 * AntiEnumeration markers on the route. The route sits on the app itself, as in `express-bare` and
 * `express-peer-hs256`: `ward.router()` mounted with `app.use` would add Express's own nested-router
 * dispatch (about 10 % of a request here), which is not apiward's cost.
 */
export function startExpressApiward(secrets: BenchSecrets): Promise<StartedApp> {
  const ward = createApiward(apiwardOptions(secrets, { credential: 'hs256', store: 'memory' }).options);
  const app = ward.protect(express());
  app.get('/bench/items/:id', ward.leastPrivilege(BENCH_SCOPE), ward.antiEnumeration(BENCH_ANTI_ENUMERATION), (req, res) => {
    res.json(itemPayload(String(req.params.id)));
  });
  return listenExpress(app);
}
