import { script } from './redis-scripts';

/**
 * CONSUME — everything one request counts and reads, in one atomic script, so a request costs one Redis
 * command (each command costs client and server CPU; ten per request capped throughput at a quarter of
 * a bare app's). Same rules as the memory store (see `walk-tracker.ts`, `distinct-members.ts`), except
 * that windows start at a key's first hit (as rate-limiter-flexible's do) instead of at epoch multiples.
 * Inside the script, too, every `redis.call` costs server CPU on every request: each step below takes the
 * fewest calls that keep its reply and the stored keys exactly as they were.
 *
 * KEYS: block, walk, distinct window 1..d, request window 1..r, miss window 1..m.
 * ARGV: member, walk id ('' for none), max step, walk window ms, d, r, then limit and window ms per
 * distinct window, window seconds per request window, window ms per miss window.
 * Returns: block ms left, walk length, walk ms left, then count and ms left per distinct, request and
 * miss window.
 *
 * Request and miss counters are rate-limiter-flexible's own keys, and the script leaves them exactly as
 * `RateLimiterRedis` does. A request window runs its fixed-window increment with one call fewer:
 * `INCRBY`, `PTTL`, and `EXPIRE <seconds>` when the key has no TTL — a key the increment just created,
 * or one left without a TTL — which is the state and the reply rate-limiter-flexible's `SET NX EX`,
 * `INCRBY`, `PTTL` leaves (a counter at 0 with a TTL, e.g. after a `reward`, keeps its TTL: hence the
 * `PTTL` even when the increment returns 1). The miss windows are read as its `get` reads them, one
 * `GET` each (not one `MGET`: `MGET` reads a key of another type as absent, `GET` fails on it, and a
 * corrupt counter must close the route, not open its budget), then `PTTL` per existing counter; no key
 * reads as 0 with a full window left, a counter that is not a number is an error (a store fault, not a
 * count). So rate-limiter-flexible keeps counting misses (`recordMiss`) and can read or delete every
 * counter.
 *
 * Distinct members are kept in a set per window, capped at limit + 1 members (exact counts; memory per
 * client bounded by its limit; a HyperLogLog would be smaller at large limits but is approximate at the
 * small limits enumeration budgets use, so a budget of 20 could trip at 19 or 21). Below the cap, `SADD`
 * both tests and adds (its reply is the count's increment); a set `SADD` just created gets its TTL
 * without a `PTTL`. A restarted walk is written with `HSET` + `PEXPIRE` (its three fields are all the
 * hash holds, so no `DEL`) and its time left is the window, no `PTTL`.
 */
export const CONSUME_SCRIPT = `
local call = redis.call
local block = call('PTTL', KEYS[1])
if block < 0 then block = 0 end
local run, walkTtl = 0, 0
if ARGV[2] ~= '' then
  local id = tonumber(ARGV[2])
  local w = call('HMGET', KEYS[2], 'last', 'dir', 'run')
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
        call('HSET', KEYS[2], 'last', ARGV[2], 'dir', sd, 'run', run)
      end
    end
  end
  if restart then
    run = 1
    call('HSET', KEYS[2], 'last', ARGV[2], 'dir', 0, 'run', 1)
    call('PEXPIRE', KEYS[2], ARGV[4])
    walkTtl = tonumber(ARGV[4])
  else
    walkTtl = call('PTTL', KEYS[2])
  end
end
local out = {block, run, walkTtl}
local d, r = tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 1, d do
  local key, limit, windowMs = KEYS[2 + i], tonumber(ARGV[5 + i * 2]), ARGV[6 + i * 2]
  local n = call('SCARD', key)
  local created = false
  if n <= limit then
    local added = call('SADD', key, ARGV[1])
    created = n == 0 and added == 1
    n = n + added
  end
  local ttl = -1
  if not created then ttl = call('PTTL', key) end
  if ttl < 0 then
    call('PEXPIRE', key, windowMs)
    ttl = tonumber(windowMs)
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
for i = 1, r do
  local key, sec = KEYS[2 + d + i], ARGV[6 + d * 2 + i]
  local n = call('INCRBY', key, 1)
  local ttl = call('PTTL', key)
  if ttl == -1 then
    call('EXPIRE', key, sec)
    ttl = 1000 * sec
  end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
for i = 1, #KEYS - 2 - d - r do
  local key = KEYS[2 + d + r + i]
  local v = call('GET', key)
  if v then
    local n = tonumber(v)
    if not n then return redis.error_reply('apiward: miss counter is not a number') end
    out[#out + 1] = n
    out[#out + 1] = call('PTTL', key)
  else
    out[#out + 1] = 0
    out[#out + 1] = tonumber(ARGV[6 + d * 2 + r + i])
  end
end
return out
`;

export const CONSUME = script(CONSUME_SCRIPT);
