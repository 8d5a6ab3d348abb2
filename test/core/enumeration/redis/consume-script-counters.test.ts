import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { ConsumePlan } from '../../../../src/core/enumeration/budget-store';
import { days, minutes } from '../../../../src/core/util/duration';
import { sharedRedisStore, type SharedRedisStore } from '../../../support/redis-harness';

const CLIENT = '198.51.100.1';

/**
 * What CONSUME leaves in Redis and answers, key by key: the request and miss counters exactly as
 * rate-limiter-flexible leaves and reads them, the distinct sets and the walk exactly as before the script
 * took fewer calls. Every test uses its own scope, so its own keys.
 */
describe('CONSUME counters against a real Redis', () => {
  const shared = sharedRedisStore('CONSUME counters suite', 'consume-counters');
  const prefix = shared.prefix;

  const plan = (scope: string, extra: Partial<ConsumePlan> = {}): ConsumePlan => ({
    scope,
    client: CLIENT,
    requests: [{ limit: 10, windowMs: minutes(1) }],
    misses: [
      { limit: 5, windowMs: minutes(10) },
      { limit: 50, windowMs: days(1) },
    ],
    ...extra,
  });
  const tag = (scope: string): string => `{${scope}|${CLIENT}}`;
  const limiter = (kind: 'r' | 'm', windowMs: number, points: number): RateLimiterRedis =>
    new RateLimiterRedis({ storeClient: shared.client, points, duration: windowMs / 1_000, keyPrefix: `${prefix}:${kind}${windowMs}` });
  const consume = (p: ConsumePlan) => shared.store.consume(p, Date.now());
  const redis = (): SharedRedisStore['client'] => shared.client;

  describe('request counters', () => {
    it('a counter the script creates is the one rate-limiter-flexible creates: value, TTL, and its get', async () => {
      if (!shared.available) return;
      const scope = 'GET /req/new';
      const [requests] = (await consume(plan(scope))).requests;
      expect(requests?.count).toBe(1);
      expect(requests?.resetMs).toBeGreaterThan(minutes(1) - 1_000);
      expect(requests?.resetMs).toBeLessThanOrEqual(minutes(1));
      const key = `${prefix}:r60000:${tag(scope)}`;
      expect(await redis().get(key)).toBe('1');
      expect(await redis().pttl(key)).toBeGreaterThan(minutes(1) - 1_000);
      const read = await limiter('r', minutes(1), 10).get(tag(scope));
      expect(read).toMatchObject({ consumedPoints: 1, remainingPoints: 9 });
      expect(read?.msBeforeNext).toBeGreaterThan(minutes(1) - 1_000);
      expect(read?.msBeforeNext).toBeLessThanOrEqual(minutes(1));
      // And rate-limiter-flexible counts on from there.
      expect((await limiter('r', minutes(1), 10).consume(tag(scope))).consumedPoints).toBe(2);
    });

    it('a counter rate-limiter-flexible created is incremented in place: its window is not restarted', async () => {
      if (!shared.available) return;
      const scope = 'GET /req/rlf';
      await limiter('r', minutes(1), 10).consume(tag(scope), 3);
      const key = `${prefix}:r60000:${tag(scope)}`;
      await redis().pexpire(key, 5_000);
      const [requests] = (await consume(plan(scope))).requests;
      expect(requests?.count).toBe(4);
      expect(requests?.resetMs).toBeGreaterThan(0);
      expect(requests?.resetMs).toBeLessThanOrEqual(5_000);
      expect(await redis().pttl(key)).toBeLessThanOrEqual(5_000);
    });

    it('a counter left without a TTL gets the window, as rate-limiter-flexible gives it', async () => {
      if (!shared.available) return;
      const scope = 'GET /req/no-ttl';
      const key = `${prefix}:r60000:${tag(scope)}`;
      await redis().set(key, '4');
      expect((await consume(plan(scope))).requests).toEqual([{ count: 5, resetMs: minutes(1) }]);
      expect(await redis().pttl(key)).toBeGreaterThan(minutes(1) - 1_000);
    });

    it('a counter back at 0 (a reward) keeps its TTL: an increment to 1 is not taken for a new window', async () => {
      if (!shared.available) return;
      const scope = 'GET /req/reward';
      const requests = limiter('r', minutes(1), 10);
      await requests.consume(tag(scope));
      await requests.reward(tag(scope));
      const key = `${prefix}:r60000:${tag(scope)}`;
      expect(await redis().get(key)).toBe('0');
      await redis().pexpire(key, 5_000);
      const [counted] = (await consume(plan(scope))).requests;
      expect(counted?.count).toBe(1);
      expect(counted?.resetMs).toBeGreaterThan(0);
      expect(counted?.resetMs).toBeLessThanOrEqual(5_000);
    });
  });

  describe('miss counters (one GET each)', () => {
    it('none, one or both present: each reads as rate-limiter-flexible reads it', async () => {
      if (!shared.available) return;
      const scope = 'GET /miss/mget';
      expect((await consume(plan(scope))).misses).toEqual([
        { count: 0, resetMs: minutes(10) },
        { count: 0, resetMs: days(1) },
      ]);
      // Only the second window counted: the reply must not shift it onto the first.
      const daily = limiter('m', days(1), 50);
      await daily.consume(tag(scope));
      const one = (await consume(plan(scope))).misses;
      expect(one[0]).toEqual({ count: 0, resetMs: minutes(10) });
      expect(one[1]?.count).toBe(1);
      expect(one[1]?.resetMs).toBeGreaterThan(days(1) - 1_000);
      expect(one[1]?.resetMs).toBeLessThanOrEqual(days(1));

      await limiter('m', minutes(10), 5).consume(tag(scope));
      await daily.consume(tag(scope));
      const both = (await consume(plan(scope))).misses;
      expect(both.map((w) => w.count)).toEqual([1, 2]);
      const read = await daily.get(tag(scope));
      expect(both[1]?.resetMs).toBeGreaterThanOrEqual((read?.msBeforeNext ?? 0) - 100);
      expect(both[1]?.resetMs).toBeLessThanOrEqual(days(1));
      expect(both[0]?.resetMs).toBeLessThanOrEqual(minutes(10));
      expect(both[0]?.resetMs).toBeGreaterThan(minutes(10) - 1_000);
    });

    it('a counter that is not a number fails closed whichever window it is', async () => {
      if (!shared.available) return;
      const scope = 'GET /miss/corrupt-second';
      await redis().set(`${prefix}:m86400000:${tag(scope)}`, 'not a number', 'EX', 60);
      await expect(consume(plan(scope))).rejects.toThrow(/not a number/);
    });

    it('a key of another type is a store fault (fails closed), for reading and for counting a miss', async () => {
      if (!shared.available) return;
    const { store } = shared;
      // Only a writer with access to the keyspace can put one there (and it could as well delete the counter).
      const scope = 'GET /miss/wrong-type';
      await redis().sadd(`${prefix}:m600000:${tag(scope)}`, 'x');
      await redis().expire(`${prefix}:m600000:${tag(scope)}`, 60);
      await expect(consume(plan(scope))).rejects.toThrow(/WRONGTYPE/);
      await expect(store.recordMiss({ scope, client: CLIENT, windows: plan(scope).misses }, Date.now())).rejects.toThrow(/WRONGTYPE/);
    });
  });

  describe('distinct sets and walks', () => {
    it('a new set gets its window; a member seen before counts once; a full set stops at limit + 1', async () => {
      if (!shared.available) return;
      const scope = 'GET /distinct/cap';
      const member = (m: string): Partial<ConsumePlan> => ({ distinct: { member: m, windows: [{ limit: 2, windowMs: minutes(10) }] } });
      const first = (await consume(plan(scope, member('a')))).distinct;
      expect(first).toEqual([{ count: 1, resetMs: minutes(10) }]);
      const counts: number[] = [];
      for (const m of ['b', 'a', 'c', 'd', 'a']) counts.push((await consume(plan(scope, member(m)))).distinct[0]?.count ?? -1);
      expect(counts).toEqual([2, 2, 3, 3, 3]);
      const key = `${prefix}:${tag(scope)}:d600000`;
      expect((await redis().smembers(key)).sort()).toEqual(['a', 'b', 'c']);
      const ttl = await redis().pttl(key);
      expect(ttl).toBeGreaterThan(minutes(10) - 5_000);
    });

    it('a set left without a TTL gets its window', async () => {
      if (!shared.available) return;
      const scope = 'GET /distinct/no-ttl';
      const key = `${prefix}:${tag(scope)}:d600000`;
      await redis().sadd(key, 'x');
      const distinct = { member: 'y', windows: [{ limit: 20, windowMs: minutes(10) }] };
      expect((await consume(plan(scope, { distinct }))).distinct).toEqual([{ count: 2, resetMs: minutes(10) }]);
      expect(await redis().pttl(key)).toBeGreaterThan(minutes(10) - 1_000);
    });

    it('a walk restarts with its three fields and a full window, extends and repeats without renewing it', async () => {
      if (!shared.available) return;
      const scope = 'GET /walk/fields';
      const key = `${prefix}:${tag(scope)}:w`;
      const at = (id: number) => consume(plan(scope, { walk: { id, maxStep: 1, windowMs: minutes(10) } }));
      expect((await at(7)).walk).toEqual({ count: 1, resetMs: minutes(10) });
      expect(await redis().hgetall(key)).toEqual({ last: '7', dir: '0', run: '1' });
      await redis().pexpire(key, 5_000);
      const repeat = (await at(7)).walk;
      expect(repeat?.count).toBe(1);
      expect(repeat?.resetMs).toBeLessThanOrEqual(5_000);
      const step = (await at(8)).walk;
      expect(step?.count).toBe(2);
      expect(step?.resetMs).toBeLessThanOrEqual(5_000);
      expect(await redis().hgetall(key)).toEqual({ last: '8', dir: '1', run: '2' });
      // A jump restarts the walk: the same three fields, a fresh window.
      expect((await at(20)).walk).toEqual({ count: 1, resetMs: minutes(10) });
      expect(await redis().hgetall(key)).toEqual({ last: '20', dir: '0', run: '1' });
      expect(await redis().pttl(key)).toBeGreaterThan(minutes(10) - 1_000);
    });

    it('a plan with requests only (the unknown-route probe) reads no miss, set or walk', async () => {
      if (!shared.available) return;
      const result = await consume(plan('GET /only-requests', { misses: [] }));
      expect(result).toEqual({ blockedMs: 0, requests: [{ count: 1, resetMs: minutes(1) }], misses: [], distinct: [], walk: undefined, perTarget: [] });
    });
  });
});
