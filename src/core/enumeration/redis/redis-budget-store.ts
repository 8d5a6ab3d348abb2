import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { toLimiterSeconds } from '../../util/duration';
import { blockDurationMs, MAX_ESCALATION_STEPS } from '../block-schedule';
import type { BudgetWindow } from '../budgets';
import type { BlockLookup, BlockPlan, BlockResult, BudgetStore, ConsumePlan, ConsumeResult, MissPlan, WindowCount } from '../budget-store';
import { createRedisClient, type RedisClientLike } from './redis-client';
import { BLOCK_SCRIPT, CHECK_SCRIPT, runScript, script } from './redis-scripts';

export interface RedisBudgetStoreOptions {
  readonly client?: RedisClientLike;
  readonly url?: string;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

const CHECK = script(CHECK_SCRIPT);
const BLOCK = script(BLOCK_SCRIPT);

/**
 * Budgets in Redis, so every app instance sees one budget. Request, miss and per-target counters are
 * rate-limiter-flexible `RateLimiterRedis` limiters (one per window length); blocks, walks and distinct
 * sets are two Lua scripts. All commands of one request are issued together and pipelined on the one
 * connection (auto-pipelining for a client created from a URL): one round trip per request, plus one
 * when a budget trips and one when a miss is recorded.
 *
 * Keys: `<prefix>:{<scope>|<client>}:b|o|w|d<windowMs>` (one hash slot per client, as the scripts need on
 * a cluster) and rate-limiter-flexible's `<prefix>:<kind><windowMs>:<scope>|<client or target>`.
 */
export class RedisBudgetStore implements BudgetStore {
  readonly name = 'redis';
  readonly shared = true;
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly ownClient: Promise<RedisClientLike | undefined> | undefined;
  private readonly clientReady: Promise<RedisClientLike | undefined>;

  constructor(private readonly options: RedisBudgetStoreOptions) {
    if (options.client !== undefined) {
      this.ownClient = undefined;
      this.clientReady = Promise.resolve(options.client);
    } else {
      // Connect at start-up, not on the first request; a failure here surfaces per call as a store error.
      const created = createRedisClient(options.url ?? '', options.commandTimeoutMs, options.connectTimeoutMs).catch(() => undefined);
      this.ownClient = created.then((c) => c?.client);
      this.clientReady = created.then(async (c) => {
        await c?.ready;
        return c?.client;
      });
    }
  }

  async consume(plan: ConsumePlan, _now: number): Promise<ConsumeResult> {
    const client = await this.readyClient();
    const base = this.clientKey(plan.scope, plan.client);
    const member = `${plan.scope}|${plan.client}`;
    const distinctWindows = plan.distinct?.windows ?? [];
    const keys = [`${base}:b`, `${base}:w`, ...distinctWindows.map((w) => `${base}:d${w.windowMs}`)];
    const args: (string | number)[] = [plan.distinct?.member ?? '', plan.walk === undefined ? '' : String(plan.walk.id), plan.walk?.maxStep ?? 1, plan.walk?.windowMs ?? 1_000];
    for (const w of distinctWindows) args.push(w.limit, w.windowMs);
    const [checked, requests, misses, perTarget] = await Promise.all([
      runScript(client, CHECK, keys, args),
      Promise.all(plan.requests.map((w) => this.count(client, 'r', w, member))),
      Promise.all(plan.misses.map((w) => this.read(client, 'm', w, member))),
      Promise.all((plan.perTarget?.windows ?? []).map((w) => this.count(client, 't', w, `${plan.scope}|${plan.perTarget?.target ?? ''}`))),
    ]);
    const values = numbers(checked, 3 + distinctWindows.length * 2);
    const distinct: WindowCount[] = distinctWindows.map((_, i) => ({ count: values[3 + i * 2] ?? 0, resetMs: Math.max(0, values[4 + i * 2] ?? 0) }));
    return {
      blockedMs: values[0] ?? 0,
      requests,
      misses,
      distinct: plan.distinct === undefined ? [] : distinct,
      walk: plan.walk === undefined ? undefined : { count: values[1] ?? 0, resetMs: Math.max(0, values[2] ?? 0) },
      perTarget,
    };
  }

  async recordMiss(plan: MissPlan, _now: number): Promise<readonly WindowCount[]> {
    const client = await this.readyClient();
    return Promise.all(plan.windows.map((w) => this.count(client, 'm', w, `${plan.scope}|${plan.client}`)));
  }

  async block(plan: BlockPlan, _now: number): Promise<BlockResult> {
    const client = await this.readyClient();
    const base = this.clientKey(plan.scope, plan.client);
    const lengths: number[] = [];
    for (let offence = 1; offence <= MAX_ESCALATION_STEPS; offence++) lengths.push(blockDurationMs(offence, plan.minMs, plan.schedule));
    const [blockedMs = 0, offence = 1] = numbers(await runScript(client, BLOCK, [`${base}:b`, `${base}:o`], [plan.schedule.memoryMs, ...lengths]), 2);
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

  /** Braces inside the hash tag would cut it short and scatter one client's keys over cluster slots. */
  private clientKey(scope: string, client: string): string {
    return `${this.options.keyPrefix}:{${`${scope}|${client}`.replace(/[{}]/g, '_')}}`;
  }

  /** A client ready for commands, or an error now: commands must not queue behind a dead connection. */
  private async readyClient(): Promise<RedisClientLike> {
    const client = await this.clientReady;
    if (client === undefined) throw new Error('apiward redis store: no client');
    if (client.status !== 'ready') throw new Error(`apiward redis store: connection ${client.status}`);
    return client;
  }

  private limiter(client: RedisClientLike, kind: string, w: BudgetWindow): RateLimiterRedis {
    const id = `${kind}${w.windowMs}/${w.limit}`;
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      limiter = new RateLimiterRedis({
        storeClient: client,
        points: w.limit,
        duration: toLimiterSeconds(w.windowMs),
        keyPrefix: `${this.options.keyPrefix}:${kind}${w.windowMs}`,
        rejectIfRedisNotReady: true,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Adds one; rate-limiter-flexible rejects with a `RateLimiterRes` past its points, which is still a count. */
  private async count(client: RedisClientLike, kind: string, w: BudgetWindow, key: string): Promise<WindowCount> {
    try {
      const res = await this.limiter(client, kind, w).consume(key, 1);
      return { count: res.consumedPoints, resetMs: res.msBeforeNext };
    } catch (err: unknown) {
      if (err instanceof RateLimiterRes) return { count: err.consumedPoints, resetMs: err.msBeforeNext };
      throw err;
    }
  }

  private async read(client: RedisClientLike, kind: string, w: BudgetWindow, key: string): Promise<WindowCount> {
    const res = await this.limiter(client, kind, w).get(key);
    return res === null ? { count: 0, resetMs: w.windowMs } : { count: res.consumedPoints, resetMs: res.msBeforeNext };
  }
}

/** A script's reply as numbers; anything else is a store fault, not a count of zero. */
function numbers(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length < length || reply.some((v) => typeof v !== 'number')) {
    throw new Error('apiward redis store: unexpected script reply');
  }
  return reply as number[];
}
