import { createHash } from 'node:crypto';
import type { RedisClientLike } from './redis-client';

/**
 * The Lua scripts behind the Redis store. Each runs atomically, so two instances counting the same client
 * at the same moment see one consistent budget. Same rules as the memory store (see `walk-tracker.ts`,
 * `distinct-members.ts`), except that windows start at a key's first hit (as rate-limiter-flexible's do)
 * instead of at epoch multiples.
 *
 * CHECK — KEYS: block, walk, distinct window 1..n. ARGV: member, walk id ('' for none), max step,
 * walk window ms, then limit and window ms per distinct window.
 * Returns: block ms left, walk length, walk ms left, then count and ms left per distinct window.
 * Distinct members are kept in a set per window, capped at limit + 1 members (exact counts; memory per
 * client bounded by its limit; a HyperLogLog would be smaller at large limits but is approximate at the
 * small limits enumeration budgets use, so a budget of 20 could trip at 19 or 21).
 */
export const CHECK_SCRIPT = `
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
for i = 3, #KEYS do
  local limit = tonumber(ARGV[5 + (i - 3) * 2])
  local windowMs = ARGV[6 + (i - 3) * 2]
  local n = redis.call('SCARD', KEYS[i])
  if n <= limit and (n == 0 or redis.call('SISMEMBER', KEYS[i], ARGV[1]) == 0) then
    redis.call('SADD', KEYS[i], ARGV[1])
    n = n + 1
  end
  local ttl = redis.call('PTTL', KEYS[i])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[i], windowMs)
    ttl = tonumber(windowMs)
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out
`;

/**
 * BLOCK — KEYS: block, offences. ARGV: offence memory ms, then the block length for offence 1, 2, … (the
 * last one applies to every later offence; computed by `blockDurationMs`, so both stores share one
 * schedule). A client already blocked is not a new offence and its block is not shortened.
 * Returns: block ms, offence.
 */
export const BLOCK_SCRIPT = `
local current = redis.call('PTTL', KEYS[1])
if current > 0 then
  return {current, tonumber(redis.call('GET', KEYS[2]) or '1')}
end
local n = redis.call('INCR', KEYS[2])
local index = n + 1
if index > #ARGV then index = #ARGV end
local duration = tonumber(ARGV[index])
redis.call('SET', KEYS[1], n, 'PX', duration)
redis.call('PEXPIRE', KEYS[2], duration + tonumber(ARGV[1]))
return {duration, n}
`;

export interface Script {
  readonly source: string;
  readonly sha: string;
}

export function script(source: string): Script {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** EVALSHA, falling back to EVAL when the server does not have the script (first use, or a restart). */
export async function runScript(client: RedisClientLike, s: Script, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (err: unknown) {
    if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return client.eval(s.source, keys.length, ...keys, ...args);
    throw err;
  }
}
