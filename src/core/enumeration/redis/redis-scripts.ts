import { createHash } from 'node:crypto';
import type { RedisClientLike } from './redis-client';

/**
 * The Lua scripts behind the Redis store (CONSUME lives in `consume-script.ts`). Each runs atomically, so
 * two instances counting the same client at the same moment see one consistent budget.
 *
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

/** A script's reply as numbers; anything else is a store fault, not a count of zero. */
export function numbers(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length || reply.some((v) => typeof v !== 'number')) {
    throw new Error('apiward redis store: unexpected script reply');
  }
  return reply as number[];
}
