/**
 * AntiEnumeration on Redis through real HTTP: two app instances (a Nest app on the Express platform and
 * an Express 5 app) count one budget in the shared Redis at REDIS_URL; then a redis-server this test starts
 * on a free port is killed, stalled with CLIENT PAUSE and brought back under running apps (Express 5 and
 * Nest on Fastify failing closed, Nest on Express insured).
 */
import { minutes, type AntiEnumerationOptions } from '../../src';
import { get, type HeaderLines, type RawResponse } from '../support/http';
import { ENUMERATION_MODULE_OPTIONS, type EnumerationTestApp } from '../support/apps/enumeration-api';
import { startEnumerationExpress5App } from '../support/apps/enumeration-express-app';
import { startEnumerationNestExpressApp, startEnumerationNestFastifyApp } from '../support/apps/enumeration-nest-app';
import { announceSkip, deletePrefix, freePort, OwnRedis, REDIS_URL, redisAvailable, uniquePrefix } from '../support/redis-harness';

const HASH_KEY = 'e2e-shared-identifier-hash-key-32b';
const via = (address: string): HeaderLines => [['X-Forwarded-For', address]];

async function statuses(app: EnumerationTestApp, path: string, headers: HeaderLines, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await get(app.baseUrl, path, headers)).status);
  return out;
}

describe('AntiEnumeration on a shared Redis: two app instances, one budget', () => {
  let available = false;
  const prefix = uniquePrefix('e2e-shared');
  let nest: EnumerationTestApp | undefined;
  let express: EnumerationTestApp | undefined;

  beforeAll(async () => {
    available = await redisAvailable();
    if (!available) return announceSkip('AntiEnumeration Redis e2e (shared budget)');
    const options: AntiEnumerationOptions = { ...ENUMERATION_MODULE_OPTIONS, store: { type: 'redis', url: REDIS_URL, keyPrefix: prefix }, hashKey: HASH_KEY, storeTimeoutMs: 1_000 };
    nest = await startEnumerationNestExpressApp(options);
    express = await startEnumerationExpress5App(options);
  });
  afterAll(async () => {
    await nest?.close();
    await express?.close();
    if (available) await deletePrefix(REDIS_URL, prefix);
  });

  it('a client alternating between the instances gets one budget, and one block', async () => {
    if (!available || nest === undefined || express === undefined) return;
    const apps = [nest, express];
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push((await get((apps[i % 2] as EnumerationTestApp).baseUrl, '/ping', via('198.51.100.200'))).status);
    expect(seen).toEqual([200, 200, 200, 429, 429]);
  });

  it('distinct identifiers probed through both instances add up', async () => {
    if (!available || nest === undefined || express === undefined) return;
    const emails = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'];
    const seen: number[] = [];
    for (const [i, email] of emails.entries()) {
      const app = i % 2 === 0 ? nest : express;
      seen.push((await get(app.baseUrl, `/users/lookup?email=${encodeURIComponent(email)}`, via('198.51.100.201'))).status);
    }
    expect(seen).toEqual([200, 200, 200, 429]);
  });

  it('a block earned probing unknown routes on one instance refuses real routes on the other', async () => {
    if (!available || nest === undefined || express === undefined) return;
    const fuzz: number[] = [];
    for (const path of ['/v1/a', '/v2/a', '/v3/a', '/v4/a']) fuzz.push((await get(nest.baseUrl, path, via('198.51.100.202'))).status);
    expect(fuzz).toEqual([404, 404, 404, 429]);
    const real = await get(express.baseUrl, '/ping', via('198.51.100.202'));
    expect([real.status, real.headers['retry-after']]).toEqual([429, '60']);
    expect((await get(express.baseUrl, '/ping', via('198.51.100.203'))).status).toBe(200);
  });
});

describe('AntiEnumeration when its Redis fails', () => {
  const redis = { server: undefined as OwnRedis | undefined };
  let closed: EnumerationTestApp;
  let fastifyClosed: EnumerationTestApp;
  let insured: EnumerationTestApp;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const TIMEOUT_MS = 300;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const server = new OwnRedis(await freePort());
    redis.server = server;
    await server.start();
    const base: AntiEnumerationOptions = {
      ...ENUMERATION_MODULE_OPTIONS,
      store: { type: 'redis', url: server.url, keyPrefix: 'e2e-outage' },
      hashKey: HASH_KEY,
      storeTimeoutMs: TIMEOUT_MS,
      storeRetryMs: 400,
      defaults: { delay: false, requests: [{ limit: 3, windowMs: minutes(1) }] },
    };
    closed = await startEnumerationExpress5App(base);
    fastifyClosed = await startEnumerationNestFastifyApp(base);
    insured = await startEnumerationNestExpressApp({ ...base, onStoreError: 'insurance' });
  });
  afterAll(async () => {
    await closed.close();
    await fastifyClosed.close();
    await insured.close();
    await redis.server?.kill();
    process.off('unhandledRejection', onUnhandled);
  });

  const timed = async (app: EnumerationTestApp, client: string): Promise<RawResponse & { ms: number }> => {
    const started = Date.now();
    const res = await get(app.baseUrl, '/ping', via(client));
    return { ...res, ms: Date.now() - started };
  };

  it('serves while Redis is up', async () => {
    expect((await timed(closed, '203.0.113.50')).status).toBe(200);
    expect((await timed(fastifyClosed, '203.0.113.56')).status).toBe(200);
    expect((await timed(insured, '203.0.113.51')).status).toBe(200);
  });

  it('Redis killed: fail-closed answers 503 with Retry-After, insurance keeps the budget, the apps stay up', async () => {
    await redis.server?.kill();
    const refused = await timed(closed, '203.0.113.50');
    expect([refused.status, refused.headers['retry-after'], refused.text]).toEqual([503, '1', '{"statusCode":503,"message":"Service Unavailable"}']);
    const onFastify = await timed(fastifyClosed, '203.0.113.56');
    expect([onFastify.status, onFastify.headers['retry-after'], onFastify.text]).toEqual([503, '1', '{"statusCode":503,"message":"Service Unavailable"}']);
    expect(onFastify.ms).toBeLessThan(TIMEOUT_MS + 400);
    expect(await statuses(insured, '/ping', via('203.0.113.52'), 4)).toEqual([200, 200, 200, 429]);
    expect(closed.events.some((e) => e.type === 'store.failed' && e.action === 'fail-closed')).toBe(true);
    expect(fastifyClosed.events.some((e) => e.type === 'store.failed' && e.action === 'fail-closed')).toBe(true);
    expect(insured.events.some((e) => e.type === 'store.failed' && e.action === 'insurance')).toBe(true);
  });

  it('Redis back: service resumes', async () => {
    await redis.server?.start();
    const deadline = Date.now() + 8_000;
    let last = 0;
    while (Date.now() < deadline && last !== 200) {
      last = (await timed(closed, '203.0.113.53')).status;
      if (last !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(last).toBe(200);
  });

  it('Redis stalled with CLIENT PAUSE: answers come within the timeout', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.server?.command('CLIENT', 'PAUSE', '2000', 'ALL');
    const stalled = await timed(closed, '203.0.113.54');
    expect(stalled.status).toBe(503);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + 400);
    const insuredStalled = await timed(insured, '203.0.113.55');
    expect(insuredStalled.status).toBe(200);
    expect(insuredStalled.ms).toBeLessThan(TIMEOUT_MS + 400);
    await redis.server?.command('CLIENT', 'UNPAUSE');
  });

  it('left no unhandled rejection behind', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
