import { ThrottlerStorageService } from '@nestjs/throttler';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * What the memory figure compares: each subject records one hit for `keys` distinct attacker keys, as a
 * flood of clients (or of probed identifiers) would. `retain` keeps the structure reachable until the
 * final measurement, so the GC cannot take it away.
 */
export interface MemorySubject {
  readonly name: string;
  /** Builds the empty structure and returns how to record one hit for one key. */
  setup(): Promise<{ hit: (key: string) => unknown; retain: unknown; dispose?: () => void }>;
}

/** Thrown by `setup` when the subject cannot be built yet (its code has not landed): reported `skipped`. */
export class SkipSubject extends Error {
  override readonly name = 'SkipSubject';
}

/** The same per-key budget everywhere: 100 hits per hour, so nothing expires during the fill. */
const POINTS = 100;
const WINDOW_MS = 3_600_000;

export const RATE_LIMITER_FLEXIBLE_MEMORY: MemorySubject = {
  name: 'rate-limiter-flexible-memory',
  setup: async () => {
    const limiter = new RateLimiterMemory({ points: POINTS, duration: WINDOW_MS / 1000 });
    return { hit: (key) => limiter.consume(key), retain: limiter };
  },
};

export const NESTJS_THROTTLER_MEMORY: MemorySubject = {
  name: 'nestjs-throttler-memory',
  setup: async () => {
    const storage = new ThrottlerStorageService();
    return {
      hit: (key) => storage.increment(key, WINDOW_MS, POINTS, 0, 'default'),
      retain: storage,
      dispose: () => storage.onApplicationShutdown(),
    };
  },
};

/**
 * The n-th distinct attacker key: a distinct IPv4 client (n < 2^24), written as apiward's client key for an
 * unauthenticated IPv4 client is (`10.1.2.3`). Every subject gets the same strings.
 */
export function attackerKey(n: number): string {
  return `${10 + (n >>> 24)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
