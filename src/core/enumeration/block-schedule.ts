import { assertKnownKeys, assertObject, optionError, optionalInteger } from '../options/validate';
import { days, minutes } from '../util/duration';

/**
 * How long a client stays blocked once a budget trips. Repeat offenders wait longer: offence n blocks
 * for `min(baseMs × multiplier^(n-1), maxMs)`, and never less than what is left of the window that
 * tripped (so `Retry-After` is honest). Defaults: 1 min, 4 min, 16 min, 64 min, ~4.3 h, ~17 h, then 24 h.
 * Offences are forgotten `memoryMs` after the last one. A `perTarget` trip refuses the request but is
 * nobody's offence: the client may be the target's owner, and a lock-out must not be an attacker's tool.
 */
export interface BlockOptions {
  /** First block. @default 60_000 (1 minute) */
  readonly baseMs?: number;
  /** Factor applied per further offence. @default 4 */
  readonly multiplier?: number;
  /** Longest block. @default 86_400_000 (1 day) */
  readonly maxMs?: number;
  /** Offences are forgotten this long after the last one. @default 86_400_000 (1 day) */
  readonly memoryMs?: number;
}

export interface BlockSchedule {
  readonly baseMs: number;
  readonly multiplier: number;
  readonly maxMs: number;
  readonly memoryMs: number;
}

export function resolveBlockOptions(value: unknown, path: string): BlockSchedule {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ['baseMs', 'multiplier', 'maxMs', 'memoryMs'], path);
  const baseMs = optionalInteger(o.baseMs, `${path}.baseMs`, minutes(1), 1_000, days(30));
  const maxMs = optionalInteger(o.maxMs, `${path}.maxMs`, days(1), 1_000, days(30));
  if (maxMs < baseMs) throw optionError(`${path}.maxMs`, 'must be at least baseMs');
  const multiplier = o.multiplier ?? 4;
  if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 1 || multiplier > 100) {
    throw optionError(`${path}.multiplier`, 'must be a number from 1 to 100');
  }
  return Object.freeze({ baseMs, multiplier, maxMs, memoryMs: optionalInteger(o.memoryMs, `${path}.memoryMs`, days(1), 1_000, days(365)) });
}

/** Escalation stops growing after this many offences (the Redis script receives one length per step). */
export const MAX_ESCALATION_STEPS = 16;

/** Block length for the `offence`-th offence (1-based), at least `minMs`. */
export function blockDurationMs(offence: number, minMs: number, schedule: BlockSchedule): number {
  const exponent = Math.min(Math.max(offence, 1), MAX_ESCALATION_STEPS) - 1;
  const escalated = Math.min(schedule.maxMs, Math.round(schedule.baseMs * schedule.multiplier ** exponent));
  return Math.max(escalated, Math.ceil(minMs));
}
