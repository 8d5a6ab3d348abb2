import { toLimiterSeconds } from '../../util/duration';
import type { ConsumePlan, ConsumeResult, WindowCount } from '../budget-store';
import { numbers } from './redis-scripts';

/*
 * The arguments of CONSUME (`consume-script.ts`) for one plan, and its reply as a result. Both run on
 * every request, so they build what they return and nothing else.
 */

/**
 * The hash tag of one client in one scope. Every key of the client carries it, so all of them share one
 * Redis Cluster slot (a script may only touch keys of one slot). Braces inside it would cut the tag
 * short and scatter the client's keys over slots.
 */
export function clientTag(scope: string, client: string): string {
  const inner = `${scope}|${client}`;
  // Checked first: this runs on every request, and a brace is rare (a route template or client key with one).
  return inner.includes('{') || inner.includes('}') ? `{${inner.replace(/[{}]/g, '_')}}` : `{${inner}}`;
}

/** rate-limiter-flexible's key prefix for counters of `kind`: 'r' requests, 'm' misses, 't' per target. */
export function limiterPrefix(keyPrefix: string, kind: 'r' | 'm' | 't', windowMs: number): string {
  return `${keyPrefix}:${kind}${windowMs}`;
}

/** The result of no windows (no per-target plan, no miss budget…): one shared array, none built per request. */
export const NO_COUNTS: readonly WindowCount[] = Object.freeze([]);

/** How many of `consumeCall`'s arguments are keys. */
export function consumeKeyCount(plan: ConsumePlan): number {
  return 2 + (plan.distinct === undefined ? 0 : plan.distinct.windows.length) + plan.requests.length + plan.misses.length;
}

/**
 * KEYS then ARGV of CONSUME for `plan`, in one array: it is the argument list of EVALSHA after the
 * script's hash and `consumeKeyCount(plan)`, built once per request. Counter keys are
 * `<limiterPrefix>:<tag>`, the key `RateLimiterRedis` builds for key `tag` under that prefix.
 */
export function consumeCall(keyPrefix: string, plan: ConsumePlan): (string | number)[] {
  const tag = clientTag(plan.scope, plan.client);
  const base = `${keyPrefix}:${tag}`;
  const { distinct, walk, requests, misses } = plan;
  const d = distinct === undefined ? 0 : distinct.windows.length;
  const keyCount = 2 + d + requests.length + misses.length;
  // Sized once and filled by index (keys from 0, ARGV from keyCount): no growth, no second array.
  const call = new Array<string | number>(keyCount * 2 + 4 + d);
  let k = 2;
  let a = keyCount + 6;
  call[0] = `${base}:b`;
  call[1] = `${base}:w`;
  call[keyCount] = distinct === undefined ? '' : distinct.member;
  call[keyCount + 1] = walk === undefined ? '' : String(walk.id);
  call[keyCount + 2] = walk === undefined ? 1 : walk.maxStep;
  call[keyCount + 3] = walk === undefined ? 1_000 : walk.windowMs;
  call[keyCount + 4] = d;
  call[keyCount + 5] = requests.length;
  if (distinct !== undefined) {
    for (const w of distinct.windows) {
      call[k++] = `${base}:d${w.windowMs}`;
      call[a++] = w.limit;
      call[a++] = w.windowMs;
    }
  }
  for (const w of requests) {
    call[k++] = `${limiterPrefix(keyPrefix, 'r', w.windowMs)}:${tag}`;
    call[a++] = toLimiterSeconds(w.windowMs);
  }
  for (const w of misses) {
    call[k++] = `${limiterPrefix(keyPrefix, 'm', w.windowMs)}:${tag}`;
    call[a++] = w.windowMs;
  }
  return call;
}

/** CONSUME's reply as a result, with the per-target counts that come from elsewhere; anything unexpected is a store fault. */
export function consumeResult(plan: ConsumePlan, reply: unknown, perTarget: readonly WindowCount[]): ConsumeResult {
  const d = plan.distinct === undefined ? 0 : plan.distinct.windows.length;
  const r = plan.requests.length;
  const values = numbers(reply, 3 + (d + r + plan.misses.length) * 2);
  return {
    blockedMs: values[0] ?? 0,
    requests: windowCounts(values, 3 + d * 2, r, false),
    // As rate-limiter-flexible's `get` reports them (`msBeforeNext` is the key's PTTL).
    misses: windowCounts(values, 3 + (d + r) * 2, plan.misses.length, false),
    distinct: windowCounts(values, 3, d, true),
    walk: plan.walk === undefined ? undefined : { count: values[1] ?? 0, resetMs: Math.max(0, values[2] ?? 0) },
    perTarget,
  };
}

/** `n` (count, ms left) pairs of `values` from index `from`; `clamp` turns a negative ms left into 0. */
function windowCounts(values: readonly number[], from: number, n: number, clamp: boolean): readonly WindowCount[] {
  if (n === 0) return NO_COUNTS;
  const counts: WindowCount[] = [];
  for (let i = from, end = from + n * 2; i < end; i += 2) {
    const resetMs = values[i + 1] ?? 0;
    counts.push({ count: values[i] ?? 0, resetMs: clamp && resetMs < 0 ? 0 : resetMs });
  }
  return counts;
}
