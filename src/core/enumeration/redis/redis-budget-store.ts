import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { toLimiterSeconds } from '../../util/duration';
import { blockDurationMs, MAX_ESCALATION_STEPS } from '../block-schedule';
import type { BudgetWindow } from '../budgets';
import type { BlockLookup, BlockPlan, BlockResult, BudgetStore, ConsumePlan, ConsumeResult, MissPlan, WindowCount } from '../budget-store';
import { clientTag, consumeCall, consumeKeyCount, consumeResult, limiterPrefix, NO_COUNTS } from './consume-call';
import { CONSUME } from './consume-script';
import { createRedisClient, type RedisClientLike } from './redis-client';
import { assertKeyPrefix } from '../store-options';
import { BLOCK_SCRIPT, evalIfNoScript, numbers, runScript, script } from './redis-scripts';

export interface RedisBudgetStoreOptions {
  readonly client?: RedisClientLike;
  readonly url?: string;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

const BLOCK = script(BLOCK_SCRIPT);

/**
 * Budgets in Redis, so every app instance sees one budget. One request is one command: the CONSUME script
 * (see `consume-script.ts`) reads the block, steps the walk, adds to the distinct sets, increments the
 * request counters and reads the miss counters, atomically. Add one command per per-target window (a
 * rate-limiter-flexible consume, issued in the same tick, so the connection writes them back to back:
 * still one round trip). A miss adds rate-limiter-flexible consumes (one per miss window); a trip adds
 * the BLOCK script. Misses are rare (401/403/404 outcomes), so rate-limiter-flexible stays their counter
 * of record; CONSUME reads them with rate-limiter-flexible's own `get` semantics.
 *
 * Keys, `<tag>` being `{<scope>|<client>}` (braces inside replaced by `_`):
 * - `<prefix>:<tag>:b` block, `:o` offences, `:w` walk, `:d<windowMs>` distinct set per window;
 * - `<prefix>:r<windowMs>:<tag>` requests and `<prefix>:m<windowMs>:<tag>` misses: rate-limiter-flexible
 *   keys (`RateLimiterRedis` with key prefix `<prefix>:r<windowMs>` / `:m<windowMs>`, key `<tag>`);
 * - `<prefix>:t<windowMs>:<scope>|<target>` per-target counters (rate-limiter-flexible, across clients).
 * Every key of one client carries the same hash tag, so they share one Redis Cluster slot, as a script
 * needs; a target's counter lives in its own slot, which is why it is not part of CONSUME.
 */
export class RedisBudgetStore implements BudgetStore {
  readonly name = 'redis';
  readonly shared = true;
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly ownClient: Promise<RedisClientLike | undefined> | undefined;
  private readonly clientReady: Promise<RedisClientLike | undefined>;
  /** `clientReady`'s client once it settled (a client is known from then on, ready or not). */
  private settledClient: RedisClientLike | undefined;

  constructor(private readonly options: RedisBudgetStoreOptions) {
    // The same rule as the `antiEnumeration.store` option, for code that builds the store itself.
    assertKeyPrefix(options.keyPrefix, 'RedisBudgetStore.keyPrefix');
    if (options.client !== undefined) {
      this.ownClient = undefined;
      this.clientReady = Promise.resolve(options.client);
      this.settledClient = options.client;
    } else {
      // Connect at start-up, not on the first request; a failure here surfaces per call as a store error.
      const created = createRedisClient(options.url ?? '', options.commandTimeoutMs, options.connectTimeoutMs).catch(() => undefined);
      this.ownClient = created.then((c) => c?.client);
      this.clientReady = created.then(async (c) => {
        await c?.ready;
        this.settledClient = c?.client;
        return c?.client;
      });
    }
  }

  async consume(plan: ConsumePlan, _now: number): Promise<ConsumeResult> {
    // Once the client is known, its state is checked here and now: no await (a promise and a microtask
    // per request) before the command leaves.
    const known = this.settledClient;
    const client = known === undefined ? await this.readyClient() : usable(known);
    const numkeys = consumeKeyCount(plan);
    const call = consumeCall(this.options.keyPrefix, plan);
    const perTarget = plan.perTarget;
    if (perTarget === undefined) {
      let reply: unknown;
      try {
        reply = await client.evalsha(CONSUME.sha, numkeys, ...call);
      } catch (err: unknown) {
        reply = await evalIfNoScript(err, client, CONSUME, numkeys, call);
      }
      return consumeResult(plan, reply, NO_COUNTS);
    }
    // Both are sent in this tick, back to back, before any reply is awaited: one round trip.
    const checked = runScript(client, CONSUME, numkeys, call);
    const key = `${plan.scope}|${perTarget.target}`;
    const targets = Promise.all(perTarget.windows.map((w) => this.count(client, 't', w, key)));
    const [reply, counts] = await Promise.all([checked, targets]);
    return consumeResult(plan, reply, counts);
  }

  /** rate-limiter-flexible counts the miss, on the key CONSUME reads. */
  async recordMiss(plan: MissPlan, _now: number): Promise<readonly WindowCount[]> {
    const client = await this.readyClient();
    const tag = clientTag(plan.scope, plan.client);
    return Promise.all(plan.windows.map((w) => this.count(client, 'm', w, tag)));
  }

  async block(plan: BlockPlan, _now: number): Promise<BlockResult> {
    const client = await this.readyClient();
    const base = this.clientKey(plan.scope, plan.client);
    const lengths: number[] = [];
    for (let offence = 1; offence <= MAX_ESCALATION_STEPS; offence++) lengths.push(blockDurationMs(offence, plan.minMs, plan.schedule));
    const [blockedMs = 0, offence = 1] = numbers(await runScript(client, BLOCK, 2, [`${base}:b`, `${base}:o`, plan.schedule.memoryMs, ...lengths]), 2);
    return { blockedMs, offence };
  }

  /** One PTTL on the block key: nothing is written, so an untracked client stays untracked. */
  async readBlock(plan: BlockLookup, _now: number): Promise<number> {
    const client = await this.readyClient();
    const left = await client.pttl(`${this.clientKey(plan.scope, plan.client)}:b`);
    if (typeof left !== 'number') throw new Error('apiward redis store: unexpected PTTL reply');
    return Math.max(0, left);
  }

  async close(): Promise<void> {
    const own = await this.ownClient;
    own?.disconnect();
  }

  /** The base of the client's own keys (block, offences): see `clientTag`. */
  private clientKey(scope: string, client: string): string {
    return `${this.options.keyPrefix}:${clientTag(scope, client)}`;
  }

  /** A client ready for commands, or an error now: commands must not queue behind a dead connection. */
  private async readyClient(): Promise<RedisClientLike> {
    return usable(await this.clientReady);
  }

  private limiter(client: RedisClientLike, kind: 'm' | 't', w: BudgetWindow): RateLimiterRedis {
    const id = `${kind}${w.windowMs}/${w.limit}`;
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      limiter = new RateLimiterRedis({
        storeClient: client,
        points: w.limit,
        duration: toLimiterSeconds(w.windowMs),
        keyPrefix: limiterPrefix(this.options.keyPrefix, kind, w.windowMs),
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Adds one; rate-limiter-flexible rejects with a `RateLimiterRes` past its points, which is still a count. */
  private async count(client: RedisClientLike, kind: 'm' | 't', w: BudgetWindow, key: string): Promise<WindowCount> {
    try {
      const res = await this.limiter(client, kind, w).consume(key, 1);
      return { count: res.consumedPoints, resetMs: res.msBeforeNext };
    } catch (err: unknown) {
      if (err instanceof RateLimiterRes) return { count: err.consumedPoints, resetMs: err.msBeforeNext };
      throw err;
    }
  }
}

/** `client` if it can take a command now; else an error now (commands must not queue behind a dead connection). */
function usable(client: RedisClientLike | undefined): RedisClientLike {
  if (client === undefined) throw new Error('apiward redis store: no client');
  if (client.status !== 'ready') throw new Error(`apiward redis store: connection ${client.status}`);
  return client;
}
