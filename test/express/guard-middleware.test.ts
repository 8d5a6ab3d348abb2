/**
 * The Express middleware settles the core's promise itself: Express 4 ignores a returned promise, so a
 * rejection left to it would hang the request (or crash the process on an unhandled rejection).
 */
// RequireAuth's mechanics alone: `leastPrivilege: { strict: false }`; strict authorization is tested in test/e2e/least-privilege.e2e.test.ts.
import express5 from 'express';
import express4 from 'express4';
import type { NextFunction, Request, Response } from 'express';
import { genericBody } from '../../src';
import { createApiward } from '../../src/express';
import { listenOn } from '../support/apps/express-test-app';
import type { TestApp } from '../support/apps/test-api';
import { bearer, get } from '../support/http';
import { signRs256, testAuthOptions } from '../support/tokens';

let running: TestApp[] = [];
afterEach(async () => {
  await Promise.all(running.map((app) => app.close()));
  running = [];
});

const EXPRESS = [
  ['Express 4', () => express4()],
  ['Express 5', () => express5()],
] as const;

describe.each(EXPRESS)('requireAuth() middleware on %s', (name, makeApp) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));

  async function start(now?: () => number): Promise<{ url: string; handled: string[]; errors: unknown[] }> {
    const ward = createApiward({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: () => undefined }, now === undefined ? {} : { now });
    const handled: string[] = [];
    const errors: unknown[] = [];
    const app = makeApp();
    app.get('/me', ward.requireAuth(), (req: Request, res: Response) => {
      handled.push(req.principal?.subject ?? 'nobody');
      res.json({ subject: req.principal?.subject });
    });
    app.get('/open', ward.public({ reason: 'probe' }), (_req: Request, res: Response) => {
      handled.push('open');
      res.json({ ok: true });
    });
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      errors.push(err);
      res.status(500).json({ statusCode: 500, message: 'Internal Server Error' });
    });
    const started = await listenOn(name, app);
    running.push(started);
    return { url: started.baseUrl, handled, errors };
  }

  it('answers a rejected credential itself: 401, headers, generic JSON body, no unhandled rejection', async () => {
    const { url, handled } = await start();
    const res = await get(url, '/me', bearer('not-a-token'));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toBeUndefined();
    expect(res.text).toBe(JSON.stringify(genericBody(401)));
    expect(handled).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('sets req.principal for the handler', async () => {
    const { url, handled } = await start();
    const res = await get(url, '/me', bearer(signRs256()));
    expect(res.status).toBe(200);
    expect(handled).toEqual(['user-1']);
  });

  it('hands an unexpected failure to next(err): the handler never runs', async () => {
    const { url, handled, errors } = await start(() => {
      throw new Error('clock broken');
    });
    const res = await get(url, '/me', bearer(signRs256()));
    expect(res.status).toBe(500);
    expect(handled).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ message: 'clock broken' })]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('public(...) used on a plain app is a pass-through marker', async () => {
    const { url, handled } = await start();
    expect((await get(url, '/open')).status).toBe(200);
    expect(handled).toEqual(['open']);
  });
});
