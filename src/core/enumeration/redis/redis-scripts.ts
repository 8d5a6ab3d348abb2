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

/**
 * EVALSHA of `s` with `numkeys` keys, then its arguments, all in `keysThenArgs` (one list, as the command
 * takes them), falling back to EVAL when the server does not have the script (first use, or a restart).
 */
export async function runScript(client: RedisClientLike, s: Script, numkeys: number, keysThenArgs: readonly (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(s.sha, numkeys, ...keysThenArgs);
  } catch (err: unknown) {
    return evalIfNoScript(err, client, s, numkeys, keysThenArgs);
  }
}

/** After a failed EVALSHA: EVAL when the error was NOSCRIPT (the server lost or never had `s`), else `err` again. */
export function evalIfNoScript(err: unknown, client: RedisClientLike, s: Script, numkeys: number, keysThenArgs: readonly (string | number)[]): Promise<unknown> {
  if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return client.eval(s.source, numkeys, ...keysThenArgs);
  return Promise.reject(err);
}

/** A script's reply as numbers; anything else is a store fault, not a count of zero. */
export function numbers(reply: unknown, length: number): number[] {
  if (!Array.isArray(reply) || reply.length !== length) throw new Error('apiward redis store: unexpected script reply');
  // A plain loop: this checks every request's reply (no closure per call).
  for (let i = 0; i < length; i++) {
    if (typeof reply[i] !== 'number') throw new Error('apiward redis store: unexpected script reply');
  }
  return reply as number[];
}
