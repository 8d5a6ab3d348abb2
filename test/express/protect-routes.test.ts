/** Deny by default for Express routers and apps, Express 5 and 4, through real HTTP. */
// RequireAuth's mechanics alone: `leastPrivilege: { strict: false }`; strict authorization is tested in test/e2e/least-privilege.e2e.test.ts.
import express5 from 'express';
import express4 from 'express4';
import type { NextFunction, Request, Response } from 'express';
import type { SecurityEvent } from '../../src';
import { createApiward } from '../../src/express';
import { bearer, get, send, type HeaderLines, type RawResponse } from '../support/http';
import { listenOn } from '../support/apps/express-test-app';
import type { TestApp } from '../support/apps/test-api';
import { claims, mfaClaims, signRs256, testAuthOptions, TEST_API_KEY } from '../support/tokens';

const ok = (_req: Request, res: Response): void => {
  res.json({ ok: true, subject: _req.principal?.subject ?? null });
};

let running: TestApp[] = [];
afterEach(async () => {
  await Promise.all(running.map((app) => app.close()));
  running = [];
});

async function serve(app: Parameters<typeof listenOn>[1]): Promise<string> {
  const started = await listenOn('express', app);
  running.push(started);
  return started.baseUrl;
}

describe('ward.router() (Express 5)', () => {
  it('closes a route registered without any marker, and opens one marked public', async () => {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });
    const router = ward.router();
    router.get('/forgotten', ok);
    router.get('/open', ward.public({ reason: 'docs' }), ok);
    const app = express5();
    app.use(router);
    const url = await serve(app);

    const closed = await get(url, '/forgotten');
    expect(closed.status).toBe(401);
    expect(closed.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
    expect((await get(url, '/forgotten', bearer(signRs256()))).status).toBe(200);
    expect((await get(url, '/open')).status).toBe(200);
  });

  it('uses the route requireAuth(...) requirement, runs it before any other handler, once', async () => {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });
    const router = ward.router();
    let earlierMiddlewareRan = 0;
    const earlier = (_req: Request, _res: Response, next: NextFunction): void => {
      earlierMiddlewareRan += 1;
      next();
    };
    router.post('/accounts/:id/close', earlier, ward.requireAuth({ mfa: true }), ok);
    const app = express5();
    app.use(router);
    const url = await serve(app);

    const denied = await sendPost(url, '/accounts/1/close', signRs256());
    expect(denied.status).toBe(401);
    expect(denied.headers['www-authenticate']).toContain('insufficient_user_authentication');
    expect(earlierMiddlewareRan).toBe(0);
    const allowed = await sendPost(url, '/accounts/1/close', signRs256(claims(mfaClaims(60_000))));
    expect(allowed.status).toBe(200);
    expect(earlierMiddlewareRan).toBe(1);
  });

  it('reads markers on one route in any order, the closed way', async () => {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });
    const router = ward.router();
    router.get('/a', ward.public({ reason: 'x' }), ward.requireAuth(), ok);
    router.get('/b', ward.requireAuth(), ward.public({ reason: 'x' }), ok);
    router.get('/c', [ward.requireAuth({ accept: ['apiKey'] }), ward.requireAuth({ mfa: true })], ok);
    const app = express5();
    app.use(router);
    const url = await serve(app);
    expect((await get(url, '/a')).status).toBe(401);
    expect((await get(url, '/b')).status).toBe(401);
    // accept apiKey + mfa: a JWT with MFA is refused, and so is the (MFA-less) API key.
    expect((await get(url, '/c', bearer(signRs256(claims(mfaClaims(1_000)))))).status).toBe(401);
    expect((await get(url, '/c', [['X-Api-Key', TEST_API_KEY]])).status).toBe(401);
    expect(ward.routes().map((r) => [r.method, r.path, r.declaration])).toEqual([
      ['GET', '/a', { requireAuth: {} }],
      ['GET', '/b', { requireAuth: {} }],
      ['GET', '/c', { requireAuth: { accept: ['apiKey'], mfa: true } }],
    ]);
  });

  it('protects .route(path) chains and .all(), and records every route', async () => {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });
    const router = ward.router();
    router.route('/items/:id').get(ok).put(ward.public({ reason: 'idempotent demo' }), ok);
    router.all('/anything', ok);
    const app = express5();
    app.use(express5.json());
    app.use('/api', router);
    const url = await serve(app);
    expect((await get(url, '/api/items/1')).status).toBe(401);
    expect((await sendRaw(url, 'PUT', '/api/items/1')).status).toBe(200);
    expect((await sendRaw(url, 'DELETE', '/api/anything')).status).toBe(401);
    expect(ward.routes()).toEqual([
      { method: 'GET', path: '/items/:id', declaration: {}, handler: 'ok' },
      { method: 'PUT', path: '/items/:id', declaration: { public: { reason: 'idempotent demo' } }, handler: 'ok' },
      { method: 'ALL', path: '/anything', declaration: {}, handler: 'ok' },
    ]);
  });

  it('reports the declared route template in events, never the raw URL', async () => {
    const events: SecurityEvent[] = [];
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: (e) => void events.push(e) });
    const router = ward.router();
    router.get('/customers/:id', ok);
    const app = ward.protect(express5());
    app.use('/api', router);
    const url = await serve(app);
    await get(url, '/API/customers/10002?x=1');
    expect(events).toEqual([expect.objectContaining({ type: 'auth.failed', route: { method: 'GET', path: '/api/customers/:id' } })]);
    expect(JSON.stringify(events)).not.toContain('10002');
  });

  it('on a plain app, where the mount is not seen, reports the router\'s own declared path', async () => {
    const events: SecurityEvent[] = [];
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: (e) => void events.push(e) });
    const router = ward.router();
    router.get('/customers/:id', ok);
    const app = express5();
    app.use('/API', router);
    const url = await serve(app);
    await get(url, '/api/customers/10002');
    expect(events).toEqual([expect.objectContaining({ type: 'auth.failed', route: { method: 'GET', path: '/customers/:id' } })]);
  });
});

describe.each([
  ['Express 5', () => express5()],
  ['Express 4', () => express4()],
])('ward.protect(app) on %s', (_name, makeApp) => {
  it('closes undeclared routes of an existing app, keeps public ones open, leaves settings alone', async () => {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });
    const app = makeApp();
    app.set('answer', 42);
    expect(ward.protect(app)).toBe(app);
    expect(ward.protect(app)).toBe(app); // idempotent: no double guard
    expect(app.get('answer')).toBe(42);
    app.get('/forgotten', ok);
    app.get('/health', ward.public({ reason: 'probe' }), ok);
    app.route('/orders/:id').get(ok);
    const url = await serve(app);

    expect((await get(url, '/forgotten')).status).toBe(401);
    expect((await get(url, '/orders/1')).status).toBe(401);
    expect((await get(url, '/health')).status).toBe(200);
    const me = await get(url, '/forgotten', bearer(signRs256()));
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toEqual({ ok: true, subject: 'user-1' });
    expect(ward.routes().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /forgotten', 'GET /health', 'GET /orders/:id']);
  });
});

describe.each([
  ['Express 5', () => express5()],
  ['Express 4', () => express4()],
])('routes registered before ward.protect(app) on %s', (_name, makeApp) => {
  const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });

  it('stops the app at start-up, naming each route it could not guard', () => {
    const app = makeApp();
    app.get('/admin', ok);
    app.all('/debug', ok);
    const protectAndRoute = (): void => {
      ward.protect(app);
      app.get('/orders', ok);
    };
    expect(protectAndRoute).toThrow(TypeError);
    expect(protectAndRoute).toThrow('protect() cannot guard routes registered before it: GET /admin; ALL /debug.');
  });

  it('stops the app when the first thing made after it is a mount, not a route', () => {
    const app = makeApp();
    app.get('/admin', ok);
    const protectAndMount = (): void => {
      ward.protect(app);
      app.use('/api', ward.router());
    };
    expect(protectAndMount).toThrow('protect() cannot guard routes registered before it: GET /admin.');
  });

  it('accepts routes declared with a marker and plain middleware before it', async () => {
    const app = makeApp();
    app.use((_req: Request, _res: Response, next: NextFunction) => next());
    app.get('/health', ward.public({ reason: 'probe' }), ok);
    app.get('/me', ward.requireAuth(), ok);
    ward.protect(app);
    app.get('/orders', ok);
    const url = await serve(app);
    expect((await get(url, '/health')).status).toBe(200);
    expect((await get(url, '/me')).status).toBe(401);
    expect((await get(url, '/orders')).status).toBe(401);
  });
});

describe('routes registered before ward.protect(router) and Express 5 settings', () => {
  const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined });

  it('refuses a router that already has an unguarded route at once', () => {
    const router = express5.Router();
    router.post('/users/:id', ok);
    expect(() => ward.protect(router)).toThrow('protect() cannot guard routes registered before it: POST /users/:id.');
  });

  it('leaves an Express 5 app its routing settings made after protect()', async () => {
    const app = express5();
    ward.protect(app);
    app.set('strict routing', true);
    app.get('/strict', ward.public({ reason: 'test' }), ok);
    const url = await serve(app);
    expect((await get(url, '/strict')).status).toBe(200);
    expect((await get(url, '/strict/')).status).toBe(404);
  });
});

function sendPost(url: string, path: string, token: string): Promise<RawResponse> {
  return sendRaw(url, 'POST', path, bearer(token));
}

function sendRaw(url: string, method: string, path: string, headers: HeaderLines = []): Promise<RawResponse> {
  return send(url, { method, path, headers });
}
