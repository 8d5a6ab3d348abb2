import Redis from 'ioredis';
import { SkipVariant } from './variant-app';

export const REDIS_PREFIX_ENV = 'APIWARD_BENCH_REDIS_PREFIX';

export function benchRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** This run's own key prefix (unique per harness run; the server is shared). */
export function benchRedisPrefix(): string {
  return process.env[REDIS_PREFIX_ENV] ?? `apiward-bench:${process.pid}:`;
}

function client(): Redis {
  return new Redis(benchRedisUrl(), { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
}

/** The Redis variant needs a server: without one it is skipped (loudly, by the harness), not failed. */
export async function requireRedis(): Promise<void> {
  const redis = client();
  try {
    await redis.connect();
    await redis.ping();
  } catch (err: unknown) {
    throw new SkipVariant(`no Redis answers at ${benchRedisUrl()} (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys this run wrote (its unique prefix only; never anything else on the shared server). */
export async function removeBenchKeys(): Promise<void> {
  const redis = client();
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${benchRedisPrefix()}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
