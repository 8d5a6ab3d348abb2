import { assertKnownKeys, isPlainObject, optionError, optionalInteger, optionalString } from '../options/validate';
import type { BudgetStore } from './budget-store';
import { DEFAULT_MAX_KEYS } from './memory/memory-budget-store';
import type { RedisClientLike } from './redis/redis-client';

/** The bounded in-process store (default). */
export interface MemoryStoreOptions {
  readonly type: 'memory';
  /** Most keys tracked at once, across routes; least recently used unblocked keys go first. @default 1_000_000 */
  readonly maxKeys?: number;
}

/**
 * Redis, for several app instances sharing one budget (through rate-limiter-flexible and a few small Lua
 * scripts). Give your own ioredis `client`, or a `url`: apiward then creates the client with the offline
 * queue off (a command while disconnected fails at once instead of waiting), `commandTimeout` equal to
 * `storeTimeoutMs`, a bounded `connectTimeout` and one retry per request.
 */
export interface RedisStoreOptions {
  readonly type: 'redis';
  /** An ioredis client you own (apiward never closes it). */
  readonly client?: RedisClientLike;
  /** `redis://…` URL; apiward creates and closes the client. Needs the `ioredis` package. */
  readonly url?: string;
  /** Prefix of every key apiward writes. @default 'apiward:ae' */
  readonly keyPrefix?: string;
  /** Connection timeout for a client created from `url`. @default 2000 */
  readonly connectTimeoutMs?: number;
}

export type StoreOption = 'memory' | MemoryStoreOptions | RedisStoreOptions | BudgetStore;

export type ResolvedStoreOption =
  | { readonly type: 'memory'; readonly maxKeys: number }
  | { readonly type: 'redis'; readonly client: RedisClientLike | undefined; readonly url: string | undefined; readonly keyPrefix: string; readonly connectTimeoutMs: number }
  | { readonly type: 'custom'; readonly store: BudgetStore };

export function resolveStoreOption(value: unknown, path: string): ResolvedStoreOption {
  if (value === undefined || value === 'memory') return { type: 'memory', maxKeys: DEFAULT_MAX_KEYS };
  if (isBudgetStore(value)) return { type: 'custom', store: value };
  if (!isPlainObject(value)) throw optionError(path, "must be 'memory', { type: 'memory' | 'redis', … } or a BudgetStore");
  if (value.type === 'memory') {
    assertKnownKeys(value, ['type', 'maxKeys'], path);
    return { type: 'memory', maxKeys: optionalInteger(value.maxKeys, `${path}.maxKeys`, DEFAULT_MAX_KEYS, 1_000, 100_000_000) };
  }
  if (value.type !== 'redis') throw optionError(`${path}.type`, "must be 'memory' or 'redis'");
  assertKnownKeys(value, ['type', 'client', 'url', 'keyPrefix', 'connectTimeoutMs'], path);
  const url = optionalString(value.url, `${path}.url`);
  const client = value.client;
  if ((client === undefined) === (url === undefined)) throw optionError(path, 'needs exactly one of client or url');
  if (client !== undefined && !isRedisClient(client)) throw optionError(`${path}.client`, 'must be an ioredis client');
  if (client !== undefined && autoPipelining(client)) {
    throw optionError(`${path}.client`, 'must not use enableAutoPipelining: ioredis cannot auto-pipeline the scripts rate-limiter-flexible defines');
  }
  if (url !== undefined && !/^rediss?:\/\//.test(url)) throw optionError(`${path}.url`, 'must start with redis:// or rediss://');
  const keyPrefix = assertKeyPrefix(optionalString(value.keyPrefix, `${path}.keyPrefix`) ?? 'apiward:ae', `${path}.keyPrefix`);
  return {
    type: 'redis',
    client: client as RedisClientLike | undefined,
    url,
    keyPrefix,
    connectTimeoutMs: optionalInteger(value.connectTimeoutMs, `${path}.connectTimeoutMs`, 2_000, 50, 60_000),
  };
}

/**
 * A Redis key prefix without braces or whitespace. Redis Cluster hashes only the first `{…}` of a key: a
 * brace in the prefix would become every key's hash tag, putting every client and every target in one
 * slot (one node takes all the load), instead of one slot per client that the CONSUME script relies on.
 */
export function assertKeyPrefix(keyPrefix: string, path: string): string {
  if (/[{}\s]/.test(keyPrefix)) throw optionError(path, 'must not contain braces or whitespace');
  return keyPrefix;
}

function isBudgetStore(value: unknown): value is BudgetStore {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.consume === 'function' && typeof v.recordMiss === 'function' && typeof v.block === 'function' && typeof v.readBlock === 'function' && typeof v.close === 'function';
}

function autoPipelining(client: unknown): boolean {
  const options = (client as { options?: unknown }).options;
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>).enableAutoPipelining === true;
}

function isRedisClient(value: unknown): value is RedisClientLike {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.evalsha === 'function' && typeof v.eval === 'function' && typeof v.pttl === 'function' && typeof v.multi === 'function';
}
