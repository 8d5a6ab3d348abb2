/**
 * The route template AntiEnumeration keys its budgets on, and events report, comes from declared paths
 * only. Express's `req.baseUrl` is the client's spelling of the mount (`/API` under case-insensitive
 * routing, `/tenants/acme` under a parameterised mount): keyed on it, every spelling or value would buy a
 * fresh budget. Real HTTP on Express 5 and 4.
 */
import { randomUUID } from 'node:crypto';
import express5 from 'express';
import express4 from 'express4';
import type { Request, Response } from 'express';
import { minutes, type AntiEnumerationRoute, type SecurityEvent } from '../../src';
import { createApiward, type ExpressApiward, type RouteHost } from '../../src/express';
import { listenOn } from '../support/apps/express-test-app';
import type { TestApp } from '../support/apps/test-api';
import { bearer, get, type HeaderLines } from '../support/http';
import { claims, signRs256, testAuthOptions } from '../support/tokens';

type Host = RouteHost & { get(path: string, ...handlers: unknown[]): unknown; use(...args: unknown[]): unknown };
type ExpressFactory = typeof express5;

const REASON = 'template test route';
const DISTINCT_IDS: AntiEnumerationRoute = { identifier: 'param:id', kind: 'numeric-id', requests: false, distinct: [{ limit: 3, windowMs: minutes(10) }], consecutive: false, misses: false, delay: false };
const REQUESTS: AntiEnumerationRoute = { requests: [{ limit: 3, windowMs: minutes(10) }], misses: false, delay: false };

const tokenFor = (subject: string): HeaderLines => bearer(signRs256(claims({ sub: subject, jti: randomUUID() })));
const ok = (req: Request, res: Response): void => void res.json({ ok: true, id: req.params.id ?? null });

let running: TestApp[] = [];
afterEach(async () => {
  await Promise.all(running.map((app) => app.close()));
  running = [];
});

describe.each([
  ['Express 5', express5, (ward: ExpressApiward) => ward.router() as unknown as Host],
  ['Express 4', express4 as unknown as ExpressFactory, (ward: ExpressApiward) => ward.protect(express4.Router()) as unknown as Host],
] as const)('declared route templates on %s', (name, express, router) => {
  async function start(): Promise<{ url: string; events: SecurityEvent[] }> {
    const events: SecurityEvent[] = [];
    const ward = createApiward({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
    const app = ward.protect(express()) as unknown as Host;
    const orders = router(ward);
    orders.get('/orders/:id', ward.anyAuthenticated({ reason: REASON }), ward.antiEnumeration(DISTINCT_IDS), ok);
    app.use('/api', orders);
    // A parameterised mount, nested under a static one.
    const api = router(ward);
    const tenant = router(ward);
    tenant.get('/ping', ward.anyAuthenticated({ reason: REASON }), ward.antiEnumeration(REQUESTS), ok);
    api.use('/tenants/:tenant', tenant);
    app.use('/v2', api);
    // A marker on a plain router mounted on a plain sub-router: the mount is not seen.
    const plain = express.Router();
    plain.get('/items/:id', ward.anyAuthenticated({ reason: REASON }), ward.antiEnumeration(REQUESTS), ok);
    const outer = express.Router();
    outer.use('/shop/:shop', plain);
    (app as unknown as { use(...args: unknown[]): unknown }).use(outer);
    const started = await listenOn(name, app as unknown as Parameters<typeof listenOn>[1]);
    running.push(started);
    return { url: started.baseUrl, events };
  }

  const statuses = async (url: string, paths: readonly string[], subject: string): Promise<number[]> => {
    const out: number[] = [];
    for (const path of paths) out.push((await get(url, path, tokenFor(subject))).status);
    return out;
  };

  it('a walk with case-varied mount prefixes spends one budget', async () => {
    const { url, events } = await start();
    expect(await statuses(url, ['/api/orders/10001', '/API/orders/10011', '/Api/orders/10021', '/aPI/orders/10031'], 'walker')).toEqual([200, 200, 200, 429]);
    expect(await statuses(url, ['/API/ORDERS/10041'], 'walker')).toEqual([429]);
    const blocked = events.filter((e) => e.type === 'enumeration.blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const event of blocked) expect(event.route).toEqual({ method: 'GET', path: '/api/orders/:id' });
  });

  it('a parameterised mount spends one budget across its values, and events name the template', async () => {
    const { url, events } = await start();
    const paths = ['/v2/tenants/acme/ping', '/v2/tenants/globex/ping', '/V2/tenants/initech/ping', '/v2/TENANTS/umbrella/ping'];
    expect(await statuses(url, paths, 'hopper')).toEqual([200, 200, 200, 429]);
    const blocked = events.filter((e) => e.type === 'enumeration.blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const event of blocked) expect(event.route).toEqual({ method: 'GET', path: '/v2/tenants/:tenant/ping' });
    expect(JSON.stringify(events)).not.toMatch(/acme|globex|initech|umbrella|V2|TENANTS/);
  });

  it('every event of a request that fails authentication names the declared template', async () => {
    const { url, events } = await start();
    await get(url, '/V2/Tenants/acme/ping');
    await get(url, '/API/orders/10001');
    expect(events.map((e) => [e.type, e.route?.path])).toEqual([
      ['auth.failed', '/v2/tenants/:tenant/ping'],
      ['auth.failed', '/api/orders/:id'],
    ]);
  });

  it('a marker on a plain router, whose mount is unknown, uses the route\'s own declared path (never the URL)', async () => {
    const { url, events } = await start();
    const paths = ['/shop/one/items/1', '/SHOP/two/items/2', '/shop/three/items/3', '/Shop/four/items/4'];
    expect(await statuses(url, paths, 'shopper')).toEqual([200, 200, 200, 429]);
    const blocked = events.filter((e) => e.type === 'enumeration.blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const event of blocked) expect(event.route).toEqual({ method: 'GET', path: '/items/:id' });
  });
});
