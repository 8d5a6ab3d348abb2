import Redis from 'ioredis';
import { AntiEnumerationEngine } from '../../../../src/core/enumeration/anti-enumeration-engine';
import { resolveAntiEnumerationRoute, type AntiEnumerationRoute } from '../../../../src/core/enumeration/anti-enumeration-route';
import { isApiwardError } from '../../../../src/core/errors/apiward-error';
import type { SecurityEvent } from '../../../../src/core/events/security-event';
import type { RequestLike } from '../../../../src/core/request-like';
import { minutes } from '../../../../src/core/util/duration';
import { principal, ROUTE } from '../engine-harness';
import { announceSkip, deletePrefix, REDIS_URL, redisAvailable, uniquePrefix } from '../../../support/redis-harness';

const HASH_KEY = 'a-shared-hash-key-of-32-bytes!!!';

describe('RedisBudgetStore against a real Redis: two instances, one budget', () => {
  let available = false;
  const prefix = uniquePrefix('shared');
  const events: SecurityEvent[] = [];
  let ownClient: Redis | undefined;
  let first: AntiEnumerationEngine | undefined;
  let second: AntiEnumerationEngine | undefined;

  beforeAll(async () => {
    available = await redisAvailable();
    if (!available) return announceSkip('RedisBudgetStore shared-budget suite');
    ownClient = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const runtime = { emit: (e: SecurityEvent) => events.push(e), sleep: () => Promise.resolve() };
    // One instance gets a client the app owns, the other a URL: both paths, one budget.
    first = AntiEnumerationEngine.create({ store: { type: 'redis', client: ownClient, keyPrefix: prefix }, hashKey: HASH_KEY, storeTimeoutMs: 1_000 }, runtime);
    second = AntiEnumerationEngine.create({ store: { type: 'redis', url: REDIS_URL, keyPrefix: prefix }, hashKey: HASH_KEY, storeTimeoutMs: 1_000 }, runtime);
    await new Promise<void>((resolve) => ownClient?.once('ready', () => resolve()));
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    ownClient?.disconnect();
    if (available) await deletePrefix(REDIS_URL, prefix);
  });

  const callOn = async (engine: AntiEnumerationEngine | undefined, rule: AntiEnumerationRoute, req: Partial<RequestLike>, status = 200, route = ROUTE): Promise<number> => {
    if (engine === undefined) throw new Error('engine missing');
    try {
      const check = await engine.check({ method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1', ...req }, route, undefined, resolveAntiEnumerationRoute(rule, 'r'));
      await check.record({ status });
      return 200;
    } catch (err: unknown) {
      if (isApiwardError(err)) return err.status;
      throw err;
    }
  };
  const alternate = (i: number): AntiEnumerationEngine | undefined => (i % 2 === 0 ? first : second);

  it('requests: the budget is shared, and so is the block', async () => {
    if (!available) return;
    const rule: AntiEnumerationRoute = { requests: [{ limit: 4, windowMs: minutes(1) }], misses: false, delay: false };
    const route = { method: 'GET', path: '/shared/requests' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await callOn(alternate(i), rule, { remoteAddress: '198.51.100.7' }, 200, route));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(events.find((e) => e.type === 'enumeration.blocked')).toMatchObject({ budget: 'requests', count: 5, limit: 4, offence: 1 });
  });

  it('distinct identifiers, walks, misses and per-target counts are shared', async () => {
    if (!available) return;
    const distinct: AntiEnumerationRoute = { identifier: 'param:id', kind: 'numeric-id', requests: false, misses: false, consecutive: false, delay: false, distinct: [{ limit: 3, windowMs: minutes(10) }] };
    const dRoute = { method: 'GET', path: '/shared/distinct' };
    const ids = ['1', '50', '1', '99', '50', '150'];
    const d: number[] = [];
    for (const [i, id] of ids.entries()) d.push(await callOn(alternate(i), distinct, { params: { id } }, 200, dRoute));
    expect(d).toEqual([200, 200, 200, 200, 200, 429]);

    const walk: AntiEnumerationRoute = { identifier: 'param:id', kind: 'numeric-id', requests: false, misses: false, distinct: false, delay: false, consecutive: { limit: 3, windowMs: minutes(10) } };
    const wRoute = { method: 'GET', path: '/shared/walk' };
    const w: number[] = [];
    for (let i = 0; i < 4; i++) w.push(await callOn(alternate(i), walk, { params: { id: String(9_007_199_254_740_000 - i) } }, 200, wRoute));
    expect(w).toEqual([200, 200, 200, 429]);

    const misses: AntiEnumerationRoute = { requests: false, delay: false, misses: [{ limit: 2, windowMs: minutes(10) }] };
    const mRoute = { method: 'GET', path: '/shared/misses' };
    const m = [await callOn(first, misses, {}, 404, mRoute), await callOn(second, misses, {}, 404, mRoute), await callOn(first, misses, {}, 200, mRoute)];
    expect(m).toEqual([200, 200, 429]);

    const perTarget: AntiEnumerationRoute = { identifier: 'body:email', kind: 'email', requests: false, misses: false, distinct: false, delay: false, perTarget: [{ limit: 2, windowMs: minutes(15) }] };
    const tRoute = { method: 'POST', path: '/shared/reset' };
    const t: number[] = [];
    for (const [i, email] of ['Owner@Example.com', 'owner@example.com ', 'OWNER@example.com'].entries()) {
      t.push(await callOn(alternate(i), perTarget, { body: { email }, remoteAddress: `203.0.113.${i}` }, 202, tRoute));
    }
    expect(t).toEqual([200, 200, 429]);
  });

  it('a subject keeps its budget across instances and tokens', async () => {
    if (!available) return;
    const rule: AntiEnumerationRoute = { requests: [{ limit: 2, windowMs: minutes(1) }], misses: false, delay: false };
    const route = { method: 'GET', path: '/shared/subject' };
    const run = async (engine: AntiEnumerationEngine | undefined, jti: string): Promise<number> => {
      try {
        await engine?.check({ method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1' }, route, principal('10001', jti), resolveAntiEnumerationRoute(rule, 'r'));
        return 200;
      } catch (err: unknown) {
        return isApiwardError(err) ? err.status : 500;
      }
    };
    expect([await run(first, 'a'), await run(second, 'b'), await run(first, 'c')]).toEqual([200, 200, 429]);
  });

  it('readBlock: an unknown-route block earned on one instance is read on the other, and a lookup writes nothing', async () => {
    if (!available || first === undefined || second === undefined || ownClient === undefined) return;
    const prober = { method: 'GET', url: '/.env', headers: {}, remoteAddress: '198.51.100.90' };
    const realRoute = { method: 'GET', path: '/shared/real' };
    const limited = AntiEnumerationEngine.create(
      { store: { type: 'redis', client: ownClient, keyPrefix: prefix }, hashKey: HASH_KEY, storeTimeoutMs: 1_000, unknownRoutes: { budget: [{ limit: 1, windowMs: minutes(1) }] } },
      { emit: (e) => events.push(e) },
    );
    const other = AntiEnumerationEngine.create(
      { store: { type: 'redis', url: REDIS_URL, keyPrefix: prefix }, hashKey: HASH_KEY, storeTimeoutMs: 1_000, unknownRoutes: true },
      { emit: (e) => events.push(e) },
    );
    try {
      const status = (p: Promise<void>): Promise<number | string> => p.then(() => 'pass', (err: unknown) => (isApiwardError(err) ? err.status : 'thrown'));
      expect(await status(limited.probeUnknownRoute(prober, undefined))).toBe('pass');
      expect(await status(limited.probeUnknownRoute(prober, undefined))).toBe(429);
      // Another instance (another module budget even) sees the same block on a real route.
      await expect(other.refuseBlockedProber(prober, realRoute)).rejects.toMatchObject({ status: 429, headers: { 'Retry-After': '60' } });
      const keysBefore = (await ownClient.keys(`${prefix}:*`)).length;
      await expect(other.refuseBlockedProber({ ...prober, remoteAddress: '198.51.100.91' }, realRoute)).resolves.toBeUndefined();
      expect((await ownClient.keys(`${prefix}:*`)).length).toBe(keysBefore);
    } finally {
      await limited.close();
      await other.close();
    }
  });
});
