/**
 * The part of an ioredis client apiward uses (structural, so the `ioredis` types are not needed by apps
 * that never use Redis). rate-limiter-flexible receives the same client.
 */
export interface RedisClientLike {
  readonly status: string;
  evalsha(...args: [sha1: string, numkeys: number, ...args: (string | number)[]]): Promise<unknown>;
  eval(...args: [script: string, numkeys: number, ...args: (string | number)[]]): Promise<unknown>;
  pttl(key: string): Promise<number>;
  multi(): unknown;
  disconnect(): void;
}

/** The command `RateLimiterRedis` defines on an ioredis client (`defineCommand`) for its increments. */
const RATE_LIMITER_FLEXIBLE_COMMAND = 'rlflxIncr';

export interface CreatedRedisClient {
  readonly client: RedisClientLike;
  /** Settles when the connection is ready or failed to become ready within the connect timeout. */
  readonly ready: Promise<void>;
}

/**
 * A client for `url`, tuned so a Redis outage costs a bounded wait and never a queue: the offline queue
 * is off (a command while disconnected fails at once), each command times out after `commandTimeoutMs`,
 * a request is retried at most once across reconnections, and connection errors are observed here so
 * they never surface as unhandled `error` events. Auto-pipelining is on: the commands of all requests
 * handled in one event-loop turn leave in one socket write (a write is a system call, and at a few
 * thousand requests a second those were a tenth of the server's CPU). rate-limiter-flexible's own
 * scripted command is left out of it (ioredis cannot auto-pipeline it; it throws outside any promise).
 * `ioredis` is loaded only here.
 */
export async function createRedisClient(url: string, commandTimeoutMs: number, connectTimeoutMs: number): Promise<CreatedRedisClient> {
  const { default: Redis } = await import('ioredis');
  const client = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    autoPipeliningIgnoredCommands: [RATE_LIMITER_FLEXIBLE_COMMAND],
  });
  client.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, connectTimeoutMs);
    timer.unref();
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { client, ready };
}
