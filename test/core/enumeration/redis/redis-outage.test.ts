import { AntiEnumerationEngine } from '../../../../src/core/enumeration/anti-enumeration-engine';
import { resolveAntiEnumerationRoute } from '../../../../src/core/enumeration/anti-enumeration-route';
import { isApiwardError } from '../../../../src/core/errors/apiward-error';
import type { SecurityEvent } from '../../../../src/core/events/security-event';
import { minutes } from '../../../../src/core/util/duration';
import { ROUTE } from '../engine-harness';
import { freePort, OwnRedis } from '../../../support/redis-harness';

const TIMEOUT_MS = 300;
const RETRY_MS = 400;
const rule = resolveAntiEnumerationRoute({ requests: [{ limit: 5, windowMs: minutes(1) }], misses: false, delay: false }, 'route');

interface Timed {
  readonly status: number;
  readonly ms: number;
  readonly retryAfter?: string;
}

async function call(engine: AntiEnumerationEngine, client: string): Promise<Timed> {
  const started = Date.now();
  try {
    await engine.check({ method: 'GET', url: '/', headers: {}, remoteAddress: client }, ROUTE, undefined, rule);
    return { status: 200, ms: Date.now() - started };
  } catch (err: unknown) {
    if (!isApiwardError(err)) throw err;
    return { status: err.status, ms: Date.now() - started, retryAfter: err.headers['Retry-After'] };
  }
}

/** Calls until `want` comes back (the client reconnects with backoff), at most `ms`. */
async function until(engine: AntiEnumerationEngine, client: string, want: number, ms: number): Promise<Timed> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await call(engine, client);
    if (answer.status === want || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Redis killed, stalled and restarted under a running engine. The server is this test's own
 * redis-server on a free port; the shared one is never touched.
 */
describe('Redis outage', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  const events: SecurityEvent[] = [];
  let redis: OwnRedis;
  let closed: AntiEnumerationEngine;
  let insured: AntiEnumerationEngine;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    redis = new OwnRedis(await freePort());
    await redis.start();
    const options = { store: { type: 'redis' as const, url: redis.url, keyPrefix: 'outage' }, hashKey: 'h'.repeat(32), storeTimeoutMs: TIMEOUT_MS, storeRetryMs: RETRY_MS };
    const runtime = { emit: (e: SecurityEvent) => events.push(e) };
    closed = AntiEnumerationEngine.create(options, runtime);
    insured = AntiEnumerationEngine.create({ ...options, onStoreError: 'insurance' }, runtime);
  });

  afterAll(async () => {
    await closed.close();
    await insured.close();
    await redis.kill();
    process.off('unhandledRejection', onUnhandled);
  });

  it('serves while Redis is up', async () => {
    expect((await call(closed, '198.51.100.1')).status).toBe(200);
    expect((await call(insured, '198.51.100.2')).status).toBe(200);
  });

  it('Redis killed: fail-closed answers 503 with Retry-After fast, insurance keeps counting', async () => {
    await redis.kill();
    const refused = await call(closed, '198.51.100.1');
    expect(refused).toMatchObject({ status: 503, retryAfter: '1' });
    expect(refused.ms).toBeLessThan(TIMEOUT_MS + 200);
    // Insurance: the in-memory store takes over and still enforces the budget.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(insured, '198.51.100.3')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const failed = events.filter((e) => e.type === 'store.failed');
    expect(failed.some((e) => e.type === 'store.failed' && e.action === 'fail-closed')).toBe(true);
    expect(failed.some((e) => e.type === 'store.failed' && e.action === 'insurance')).toBe(true);
  });

  it('Redis back: service resumes', async () => {
    await redis.start();
    expect((await until(closed, '198.51.100.1', 200, 8_000)).status).toBe(200);
    expect((await until(insured, '198.51.100.4', 200, 8_000)).status).toBe(200);
  });

  it('Redis stalled with CLIENT PAUSE: calls finish within the timeout, then resume', async () => {
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    await redis.command('CLIENT', 'PAUSE', '2500', 'ALL');
    const stalled = await call(closed, '198.51.100.5');
    expect(stalled.status).toBe(503);
    expect(stalled.ms).toBeLessThan(TIMEOUT_MS + 250);
    expect(events.some((e) => e.type === 'store.failed' && e.reason === 'timeout')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    const insuredDuringStall = await call(insured, '198.51.100.6');
    expect(insuredDuringStall.status).toBe(200);
    expect(insuredDuringStall.ms).toBeLessThan(TIMEOUT_MS + 250);
    await redis.command('CLIENT', 'UNPAUSE');
    expect((await until(closed, '198.51.100.7', 200, 5_000)).status).toBe(200);
  });

  it('left no unhandled rejection behind', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});

describe('the outage harness itself', () => {
  it('fails the test with a clear error, not a crashed worker, when redis-server is missing', async () => {
    const missing = new OwnRedis(await freePort(), 'apiward-no-such-redis-server');
    await expect(missing.start()).rejects.toThrow(/apiward-no-such-redis-server could not be started \(.*ENOENT/);
    await expect(missing.kill()).resolves.toBeUndefined();
  });
});
