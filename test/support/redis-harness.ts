import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { RedisBudgetStore } from '../../src/core/enumeration/redis/redis-budget-store';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the Redis at REDIS_URL answers. Under CI=true a missing server fails the suite; locally the
 * suite is skipped with a loud message.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function announceSkip(suite: string): void {
  if (process.env.CI === 'true') throw new Error(`${suite}: no Redis at ${REDIS_URL}, and CI=true requires one`);
  console.warn(`\n*** ${suite}: SKIPPED — no Redis at ${REDIS_URL} (set REDIS_URL; under CI=true this fails) ***\n`);
}

export function uniquePrefix(name: string): string {
  return `apiward-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`;
}

/** Deletes what a test wrote under its prefix (SCAN + DEL: never FLUSH a shared server). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throw-away redis-server this test owns: started on a free port, killed only by this test. */
export class OwnRedis {
  private child: ChildProcess | undefined;
  /** `binary`: the server to run (a test of this harness passes a missing one). */
  constructor(
    readonly port: number,
    private readonly binary = 'redis-server',
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(this.binary, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    // Without a listener, a missing binary (ENOENT) is an unhandled 'error' event that kills the jest worker.
    let spawnError: Error | undefined;
    child.on('error', (err) => {
      spawnError = err;
    });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (spawnError !== undefined) {
        this.child = undefined;
        throw new Error(`${this.binary} could not be started (${spawnError.message}); the outage tests need the redis-server binary on PATH`);
      }
      const probe = new Redis(this.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
    await this.kill();
    throw new Error(`redis-server on port ${this.port} did not start`);
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    // A process that never spawned (no pid) or already exited emits no 'exit' to wait for.
    if (child === undefined || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Runs a command through a separate connection (CLIENT PAUSE, …). */
  async command(...args: string[]): Promise<unknown> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      const [name, ...rest] = args;
      return await client.call(name ?? 'PING', ...rest);
    } finally {
      client.disconnect();
    }
  }
}

/** A `RedisBudgetStore` on the shared server for one suite, under its own key prefix (deleted afterwards). */
export interface SharedRedisStore {
  /** False when no server answered (the suite's tests return early; under CI=true that fails instead). */
  readonly available: boolean;
  readonly prefix: string;
  readonly client: Redis;
  readonly store: RedisBudgetStore;
}

/** Registers the suite's `beforeAll`/`afterAll`; read the fields inside tests, after `beforeAll` ran. */
export function sharedRedisStore(suite: string, name: string): SharedRedisStore {
  const prefix = uniquePrefix(name);
  let available = false;
  let client: Redis | undefined;
  let store: RedisBudgetStore | undefined;
  beforeAll(async () => {
    available = await redisAvailable();
    if (!available) return announceSkip(suite);
    client = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    await new Promise<void>((resolve) => client?.once('ready', () => resolve()));
    store = new RedisBudgetStore({ client, keyPrefix: prefix, commandTimeoutMs: 1_000, connectTimeoutMs: 1_000 });
  });
  afterAll(async () => {
    await store?.close();
    client?.disconnect();
    if (available) await deletePrefix(REDIS_URL, prefix);
  });
  const present = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${suite}: no ${what} (Redis unavailable)`);
    return value;
  };
  return {
    get available() {
      return available;
    },
    prefix,
    get client() {
      return present(client, 'client');
    },
    get store() {
      return present(store, 'store');
    },
  };
}
