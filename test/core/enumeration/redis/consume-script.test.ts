import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { ConsumePlan } from '../../../../src/core/enumeration/budget-store';
import { minutes } from '../../../../src/core/util/duration';
import { REDIS_URL, sharedRedisStore } from '../../../support/redis-harness';

const SCHEDULE = { baseMs: minutes(1), multiplier: 2, maxMs: minutes(10), memoryMs: minutes(10) };

/** The Redis Cluster hash tag of `key`: what is between its first `{` and the next `}`, if not empty. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('RedisBudgetStore CONSUME script against a real Redis', () => {
  const redis = sharedRedisStore('RedisBudgetStore CONSUME suite', 'consume');
  const prefix = redis.prefix;

  const plan = (scope: string, extra: Partial<ConsumePlan> = {}): ConsumePlan => ({
    scope,
    client: '198.51.100.1',
    requests: [
      { limit: 10, windowMs: 1_000 },
      { limit: 100, windowMs: minutes(1) },
    ],
    misses: [
      { limit: 5, windowMs: 1_000 },
      { limit: 50, windowMs: minutes(10) },
    ],
    distinct: { member: 'hash-1', windows: [{ limit: 3, windowMs: minutes(1) }] },
    walk: { id: 7, maxStep: 2, windowMs: minutes(1) },
    ...extra,
  });

  /** The commands the store's own connection sent while `run` ran, as seen by the server (MONITOR). */
  const commandsDuring = async (run: () => Promise<unknown>): Promise<string[]> => {
    const client = redis.client;
    const source = `127.0.0.1:${client.stream.localPort ?? 0}`;
    // `monitor()` opens a second connection of its own: both are closed below.
    const spare = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const monitor = await spare.monitor();
    const seen: string[][] = [];
    const marker = `end-${Math.random()}`;
    const ended = new Promise<void>((resolve) => {
      monitor.on('monitor', (_time: string, args: string[], from: string) => {
        if (from !== source) return;
        seen.push(args);
        if (args[1] === marker) resolve();
      });
    });
    try {
      await client.echo(`start-${marker}`);
      await run();
      await client.echo(marker);
      await ended;
    } finally {
      monitor.disconnect();
      spare.disconnect();
    }
    const start = seen.findIndex((args) => args[1] === `start-${marker}`);
    return seen.slice(start + 1, -1).map((args) => (args[0] ?? '').toLowerCase());
  };

  it('one consume without per-target budgets is one command; each per-target window adds one', async () => {
    if (!redis.available) return;
    const { store } = redis;
    const s = store;
    await s.consume(plan('GET /one'), Date.now()); // loads the script (a first EVALSHA may answer NOSCRIPT)
    expect(await commandsDuring(() => s.consume(plan('GET /one'), Date.now()))).toEqual(['evalsha']);
    const perTarget = { target: 'target-hash', windows: [{ limit: 5, windowMs: minutes(15) }] };
    await s.consume(plan('POST /reset', { perTarget }), Date.now());
    expect(await commandsDuring(() => s.consume(plan('POST /reset', { perTarget }), Date.now()))).toEqual(['evalsha', 'evalsha']);
  });

  it('request and miss counters are rate-limiter-flexible keys: it reads what CONSUME wrote, CONSUME reads what it wrote', async () => {
    if (!redis.available) return;
    const { store, client } = redis;
    const scope = 'GET /interop/{id}';
    const tag = '{GET /interop/_id_|198.51.100.1}';
    const requests = new RateLimiterRedis({ storeClient: client, points: 10, duration: 1, keyPrefix: `${prefix}:r1000` });
    const misses = new RateLimiterRedis({ storeClient: client, points: 5, duration: 1, keyPrefix: `${prefix}:m1000` });

    const first = await store.consume(plan(scope), Date.now());
    expect(first.requests.map((w) => w.count)).toEqual([1, 1]);
    // No miss counted yet: rate-limiter-flexible's `get` finds no key, a full window is left.
    expect(first.misses).toEqual([
      { count: 0, resetMs: 1_000 },
      { count: 0, resetMs: minutes(10) },
    ]);
    const second = await store.consume(plan(scope), Date.now());
    expect(second.requests[0]?.count).toBe(2);
    expect(second.requests[0]?.resetMs).toBeGreaterThan(0);
    expect(second.requests[0]?.resetMs).toBeLessThanOrEqual(1_000);
    expect((await requests.get(tag))?.consumedPoints).toBe(2);

    await store.recordMiss({ scope, client: '198.51.100.1', windows: plan(scope).misses }, Date.now());
    expect((await misses.get(tag))?.consumedPoints).toBe(1);
    const third = await store.consume(plan(scope), Date.now());
    expect(third.misses.map((w) => w.count)).toEqual([1, 1]);
    expect(third.misses[0]?.resetMs).toBeGreaterThan(0);
    expect(third.misses[0]?.resetMs).toBeLessThanOrEqual(1_000);
    expect(third.requests.map((w) => w.count)).toEqual([3, 3]);

    // The 1 s windows end as rate-limiter-flexible's do (the key expires); the 1 min and 10 min ones run on.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await requests.get(tag)).toBeNull();
    const later = await store.consume(plan(scope), Date.now());
    expect(later.requests.map((w) => w.count)).toEqual([1, 4]);
    expect(later.misses).toEqual([{ count: 0, resetMs: 1_000 }, expect.objectContaining({ count: 1 })]);
  });

  it('every key one client writes (consume, miss, block) shares one cluster hash slot', async () => {
    if (!redis.available) return;
    const { store, client } = redis;
    const scope = 'GET /slot/{weird}';
    const who = { scope, client: 'sub:{x}' };
    await store.consume({ ...plan(scope), ...who }, Date.now());
    await store.recordMiss({ ...who, windows: plan(scope).misses }, Date.now());
    await store.block({ ...who, minMs: 1_000, schedule: SCHEDULE }, Date.now());
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', `${prefix}:*slot*`, 'COUNT', 500);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    // block, offences, walk, one distinct set, two request and two miss counters.
    expect(keys).toHaveLength(8);
    expect(new Set(keys.map(hashTag))).toEqual(new Set(['GET /slot/_weird_|sub:_x_']));
    expect(await store.readBlock(who, Date.now())).toBeGreaterThan(0);
  });

  it('a counter that is not a number is a store fault, not a count', async () => {
    if (!redis.available) return;
    const { store, client } = redis;
    await client.set(`${prefix}:m1000:{GET /broken|198.51.100.1}`, 'not a number', 'EX', 60);
    await expect(store.consume(plan('GET /broken'), Date.now())).rejects.toThrow(/not a number/);
  });
});
