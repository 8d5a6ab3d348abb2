import Redis from 'ioredis';
import type { ConsumePlan } from '../../../../src/core/enumeration/budget-store';
import { RedisBudgetStore } from '../../../../src/core/enumeration/redis/redis-budget-store';
import { days, minutes } from '../../../../src/core/util/duration';
import { freePort, OwnRedis } from '../../../support/redis-harness';

const SCHEDULE = { baseMs: minutes(1), multiplier: 2, maxMs: minutes(10), memoryMs: minutes(10) };

/** A numeric-id route with the default distinct, miss and walk budgets (the bench's route). */
const PLAN: ConsumePlan = {
  scope: 'GET /items/:id',
  client: '198.51.100.1',
  requests: [{ limit: 1_000, windowMs: minutes(1) }],
  misses: [
    { limit: 10, windowMs: minutes(10) },
    { limit: 50, windowMs: days(1) },
  ],
  distinct: {
    member: 'hash-of-42',
    windows: [
      { limit: 20, windowMs: minutes(10) },
      { limit: 200, windowMs: days(1) },
    ],
  },
  walk: { id: 42, maxStep: 1, windowMs: minutes(10) },
};

/**
 * What one request costs Redis, and the script's reload after Redis lost it. Both need a server of their
 * own: command statistics and SCRIPT FLUSH are server-wide, and the shared server is not this test's.
 */
describe('CONSUME on a Redis of its own', () => {
  let redis: OwnRedis;
  let admin: Redis;
  let store: RedisBudgetStore;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    // The store's own client: the one production uses (auto-pipelined, no offline queue).
    store = new RedisBudgetStore({ url: redis.url, keyPrefix: 'cost', commandTimeoutMs: 1_000, connectTimeoutMs: 2_000 });
  });

  afterAll(async () => {
    await store.close();
    admin.disconnect();
    await redis.kill();
  });

  /** Calls per command since the last CONFIG RESETSTAT, commands inside scripts included. */
  const commandCalls = async (): Promise<Record<string, number>> => {
    const calls: Record<string, number> = {};
    for (const line of (await admin.info('commandstats')).split('\n')) {
      const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
      if (m?.[1] !== undefined && !m[1].startsWith('config')) calls[m[1]] = Number(m[2]);
    }
    return calls;
  };

  it('a repeat request of a numeric-id route is one EVALSHA running 13 commands', async () => {
    await store.consume(PLAN, Date.now());
    await store.consume(PLAN, Date.now());
    await admin.config('RESETSTAT');
    const result = await store.consume(PLAN, Date.now());
    expect(result.requests[0]?.count).toBe(3);
    expect(result.distinct.map((w) => w.count)).toEqual([1, 1]);
    // Block PTTL; walk HMGET + PTTL; per distinct window SCARD + SADD + PTTL; INCRBY + PTTL; one GET per miss window.
    expect(await commandCalls()).toEqual({ evalsha: 1, pttl: 5, hmget: 1, scard: 2, sadd: 2, incrby: 1, get: 2 });
  });

  it('after SCRIPT FLUSH, consume (with or without per-target budgets) and block reload their script through EVAL', async () => {
    const perTarget = { target: 'hash-of-owner', windows: [{ limit: 5, windowMs: minutes(15) }] };
    const scope = 'POST /noscript';
    await admin.script('FLUSH');
    await admin.config('RESETSTAT');
    const plain = await store.consume({ ...PLAN, scope }, Date.now());
    expect(plain.requests[0]?.count).toBe(1);
    expect(plain.walk).toEqual({ count: 1, resetMs: minutes(10) });
    expect(await commandCalls()).toMatchObject({ evalsha: 1, eval: 1 });

    await admin.script('FLUSH');
    await admin.config('RESETSTAT');
    const withTarget = await store.consume({ ...PLAN, scope, perTarget }, Date.now());
    expect(withTarget.requests[0]?.count).toBe(2);
    expect(withTarget.perTarget.map((w) => w.count)).toEqual([1]);
    // CONSUME's and rate-limiter-flexible's own increment (it reloads its script the same way).
    expect(await commandCalls()).toMatchObject({ eval: 2 });

    await admin.script('FLUSH');
    await admin.config('RESETSTAT');
    expect(await store.block({ scope, client: PLAN.client, minMs: 1_000, schedule: SCHEDULE }, Date.now())).toEqual({ blockedMs: minutes(1), offence: 1 });
    expect(await commandCalls()).toMatchObject({ evalsha: 1, eval: 1 });
    expect((await store.consume({ ...PLAN, scope }, Date.now())).blockedMs).toBeGreaterThan(0);
  });
});
