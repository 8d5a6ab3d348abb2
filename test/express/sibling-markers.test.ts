/** Markers used on a plain (unprotected) Express app: the markers of one route are enforced together, once. */
import express5 from 'express';
import express4 from 'express4';
import type { NextFunction, Request, Response } from 'express';
import type { OwnershipContext, SecurityEvent } from '../../src';
import { createApiward } from '../../src/express';
import { bearer, get } from '../support/http';
import { listenOn } from '../support/apps/express-test-app';
import type { TestApp } from '../support/apps/test-api';
import { claims, signRs256, testAuthOptions } from '../support/tokens';

let running: TestApp[] = [];
afterEach(async () => {
  await Promise.all(running.map((app) => app.close()));
  running = [];
});

const token = (sub: string, scope: string) => bearer(signRs256(claims({ sub, scope })));
const owns = (ctx: OwnershipContext): boolean => ctx.principal.subject === String(ctx.ids.id);

describe.each([
  ['Express 5', () => express5()],
  ['Express 4', () => express4()],
] as const)('standalone markers on %s', (_name, makeApp) => {
  async function start() {
    const events: SecurityEvent[] = [];
    const ward = createApiward({ auth: testAuthOptions(), onSecurityEvent: (e) => void events.push(e) });
    const app = makeApp();
    let policyCalls = 0;
    const counted = (ctx: OwnershipContext): boolean => {
      policyCalls += 1;
      return owns(ctx);
    };
    const handler = (req: Request, res: Response): void => void res.json({ id: req.params.id, subject: req.principal?.subject, secret: 's' });
    app.get('/together/:id', ward.leastPrivilege('customers:read'), ward.owns(counted, { ids: ['id'] }), ward.exposeFields({ base: ['id', 'subject'] }), handler);
    app.get('/alone/:id', ward.owns(owns, { ids: ['id'] }), handler);
    app.use('/gate', ward.leastPrivilege('admin:accounts'));
    app.get('/gate/panel', (_req: Request, res: Response) => res.json({ panel: true }));
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => res.status(500).json({ error: String(err) }));
    const started = await listenOn('express', app);
    running.push(started);
    return { url: started.baseUrl, events, calls: () => policyCalls };
  }

  it('combines the markers of a route: scopes, ownership and exposure, the policy called once', async () => {
    const { url, calls } = await start();
    const mine = await get(url, '/together/10002', token('10002', 'customers:read'));
    expect(mine.status).toBe(200);
    expect(JSON.parse(mine.text)).toEqual({ id: '10002', subject: '10002' });
    expect(calls()).toBe(1);
    expect((await get(url, '/together/10001', token('10002', 'customers:read'))).status).toBe(404);
    expect((await get(url, '/together/10002', token('10002', 'orders:read'))).status).toBe(403);
    expect((await get(url, '/together/010002', token('10002', 'customers:read'))).status).toBe(400);
  });

  it('strict authorization: a route whose markers say nothing about who may call it is refused', async () => {
    const { url, events } = await start();
    expect((await get(url, '/alone/10002', token('10002', 'customers:read'))).status).toBe(403);
    expect(events).toEqual([expect.objectContaining({ type: 'access.denied', reason: 'undeclared_authorization' })]);
  });

  it('a gate mounted with use() enforces its own declaration', async () => {
    const { url } = await start();
    expect((await get(url, '/gate/panel')).status).toBe(401);
    expect((await get(url, '/gate/panel', token('u1', 'customers:read'))).status).toBe(403);
    expect((await get(url, '/gate/panel', token('u1', 'admin:accounts'))).status).toBe(200);
  });
});
