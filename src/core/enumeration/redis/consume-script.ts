import { toLimiterSeconds } from '../../util/duration';
import type { ConsumePlan, ConsumeResult, WindowCount } from '../budget-store';
import { numbers, script } from './redis-scripts';

/**
 * CONSUME — everything one request counts and reads, in one atomic script, so a request costs one Redis
 * command (each command costs client and server CPU; ten per request capped throughput at a quarter of
 * a bare app's). Same rules as the memory store (see `walk-tracker.ts`, `distinct-members.ts`), except
 * that windows start at a key's first hit (as rate-limiter-flexible's do) instead of at epoch multiples.
 *
 * KEYS: block, walk, distinct window 1..d, request window 1..r, miss window 1..m.
 * ARGV: member, walk id ('' for none), max step, walk window ms, d, r, then limit and window ms per
 * distinct window, window seconds per request window, window ms per miss window.
 * Returns: block ms left, walk length, walk ms left, then count and ms left per distinct, request and
 * miss window.
 *
 * Request and miss counters are rate-limiter-flexible's own keys, and the script treats them exactly as
 * `RateLimiterRedis` does: a request window runs its fixed-window increment (`SET NX EX`, `INCRBY`,
 * `PTTL`), a miss window its `get` (`GET`, `PTTL`; no key reads as 0 with a full window left). So
 * rate-limiter-flexible keeps counting misses (`recordMiss`) and can read or delete every counter.
 *
 * Distinct members are kept in a set per window, capped at limit + 1 members (exact counts; memory per
 * client bounded by its limit; a HyperLogLog would be smaller at large limits but is approximate at the
 * small limits enumeration budgets use, so a budget of 20 could trip at 19 or 21).
 */
export const CONSUME_SCRIPT = `
local block = redis.call('PTTL', KEYS[1])
if block < 0 then block = 0 end
local run, walkTtl = 0, 0
if ARGV[2] ~= '' then
  local id = tonumber(ARGV[2])
  local w = redis.call('HMGET', KEYS[2], 'last', 'dir', 'run')
  local restart = true
  if w[1] then
    local step = id - tonumber(w[1])
    local dir = tonumber(w[2])
    run = tonumber(w[3])
    if step == 0 then
      restart = false
    elseif math.abs(step) <= tonumber(ARGV[3]) then
      local sd = 1
      if step < 0 then sd = 2 end
      if dir == 0 or dir == sd then
        run = run + 1
        restart = false
        redis.call('HSET', KEYS[2], 'last', ARGV[2], 'dir', sd, 'run', run)
      end
    end
  end
  if restart then
    run = 1
    redis.call('DEL', KEYS[2])
    redis.call('HSET', KEYS[2], 'last', ARGV[2], 'dir', 0, 'run', 1)
    redis.call('PEXPIRE', KEYS[2], ARGV[4])
  end
  walkTtl = redis.call('PTTL', KEYS[2])
end
local out = {block, run, walkTtl}
local d, r = tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 1, d do
  local key, limit, windowMs = KEYS[2 + i], tonumber(ARGV[5 + i * 2]), ARGV[6 + i * 2]
  local n = redis.call('SCARD', key)
  if n <= limit and (n == 0 or redis.call('SISMEMBER', key, ARGV[1]) == 0) then
    redis.call('SADD', key, ARGV[1])
    n = n + 1
  end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, windowMs)
    ttl = tonumber(windowMs)
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
for i = 1, r do
  local key, sec = KEYS[2 + d + i], ARGV[6 + d * 2 + i]
  redis.call('SET', key, 0, 'EX', sec, 'NX')
  local n = redis.call('INCRBY', key, 1)
  local ttl = redis.call('PTTL', key)
  if ttl == -1 then
    redis.call('EXPIRE', key, sec)
    ttl = 1000 * sec
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
for i = 1, #KEYS - 2 - d - r do
  local key = KEYS[2 + d + r + i]
  local v = redis.call('GET', key)
  if v then
    local n = tonumber(v)
    if not n then return redis.error_reply('apiward: miss counter is not a number') end
    out[#out + 1] = n
    out[#out + 1] = redis.call('PTTL', key)
  else
    out[#out + 1] = 0
    out[#out + 1] = tonumber(ARGV[6 + d * 2 + r + i])
  end
end
return out
`;

export const CONSUME = script(CONSUME_SCRIPT);

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

export interface ConsumeCall {
  readonly keys: string[];
  readonly args: (string | number)[];
}

/**
 * KEYS and ARGV of CONSUME for `plan`. Counter keys are `<limiterPrefix>:<tag>`, the key
 * `RateLimiterRedis` builds for key `tag` under that prefix.
 */
export function consumeCall(keyPrefix: string, plan: ConsumePlan): ConsumeCall {
  const tag = clientTag(plan.scope, plan.client);
  const base = `${keyPrefix}:${tag}`;
  const distinct = plan.distinct?.windows ?? [];
  const keys = [`${base}:b`, `${base}:w`];
  const args: (string | number)[] = [plan.distinct?.member ?? '', plan.walk === undefined ? '' : String(plan.walk.id), plan.walk?.maxStep ?? 1, plan.walk?.windowMs ?? 1_000, distinct.length, plan.requests.length];
  for (const w of distinct) {
    keys.push(`${base}:d${w.windowMs}`);
    args.push(w.limit, w.windowMs);
  }
  for (const w of plan.requests) {
    keys.push(`${limiterPrefix(keyPrefix, 'r', w.windowMs)}:${tag}`);
    args.push(toLimiterSeconds(w.windowMs));
  }
  for (const w of plan.misses) {
    keys.push(`${limiterPrefix(keyPrefix, 'm', w.windowMs)}:${tag}`);
    args.push(w.windowMs);
  }
  return { keys, args };
}

/** CONSUME's reply as a result (per-target counts come from elsewhere); anything unexpected is a store fault. */
export function consumeResult(plan: ConsumePlan, reply: unknown): Omit<ConsumeResult, 'perTarget'> {
  const d = plan.distinct?.windows.length ?? 0;
  const values = numbers(reply, 3 + (d + plan.requests.length + plan.misses.length) * 2);
  const pairs = (from: number, n: number, clamp: boolean): WindowCount[] =>
    Array.from({ length: n }, (_, i) => {
      const resetMs = values[from + i * 2 + 1] ?? 0;
      return { count: values[from + i * 2] ?? 0, resetMs: clamp ? Math.max(0, resetMs) : resetMs };
    });
  return {
    blockedMs: values[0] ?? 0,
    requests: pairs(3 + d * 2, plan.requests.length, false),
    // As rate-limiter-flexible's `get` reports them (`msBeforeNext` is the key's PTTL).
    misses: pairs(3 + (d + plan.requests.length) * 2, plan.misses.length, false),
    distinct: pairs(3, d, true),
    walk: plan.walk === undefined ? undefined : { count: values[1] ?? 0, resetMs: Math.max(0, values[2] ?? 0) },
  };
}
