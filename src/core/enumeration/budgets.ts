import { assertKnownKeys, assertObject, optionError, optionalInteger } from '../options/validate';
import { days, hours, minutes } from '../util/duration';

/** At most `limit` in any one window of `windowMs`; the next one is refused. */
export interface BudgetWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/** Several windows hold at once (a per-minute and a per-day limit), so a patient scraper is seen too. */
export type BudgetWindows = readonly BudgetWindow[];

/** A walk: ids that each differ from the previous one by 1..`maxStep`, in one direction. */
export interface ConsecutiveBudget {
  /** Adjacent ids allowed in one walk; the next adjacent id is refused. */
  readonly limit: number;
  /** A walk counts within this window from its first id; after it, the next id starts a new walk. */
  readonly windowMs: number;
  /** Largest step still counted as adjacent (2 also catches walks over every other id). @default 1 */
  readonly maxStep?: number;
}

export interface ResolvedConsecutiveBudget {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxStep: number;
}

/** Progressive delay before the hard limit: from `afterRatio` of a budget, up to `maxDelayMs` at the limit. */
export interface DelayOptions {
  /** Share of the tightest budget window used before delays start (0 < ratio < 1). @default 0.75 */
  readonly afterRatio?: number;
  /** Delay just before the limit; it grows linearly from 0 at `afterRatio`. @default 2000 */
  readonly maxDelayMs?: number;
}

export interface ResolvedDelay {
  readonly afterRatio: number;
  readonly maxDelayMs: number;
}

/** Largest limit per window: the memory store packs a count into 16 bits. */
export const MAX_LIMIT = 65_534;
export const MAX_WINDOWS = 4;
const MIN_WINDOW_MS = 1_000;
const MAX_WINDOW_MS = days(30);

/**
 * Library defaults, for a route that declares a budget's absence with `undefined`:
 * - requests: 60 per minute and 1,000 per hour per client;
 * - distinct: 20 identifiers per 10 minutes and 200 per day per client;
 * - misses: 10 per 10 minutes and 50 per day per client;
 * - consecutive: 5 adjacent ids per walk within 10 minutes (`numeric-id` routes only);
 * - perTarget: 10 per 15 minutes and 50 per day per identifier, all clients together (`email`, `phone`,
 *   `username` routes only: a popular record read by many must not lock itself);
 * - delay: from 75 % of a window, growing to 2 s just before the limit.
 */
export const DEFAULT_BUDGETS = Object.freeze({
  requests: Object.freeze([
    { limit: 60, windowMs: minutes(1) },
    { limit: 1_000, windowMs: hours(1) },
  ]),
  distinct: Object.freeze([
    { limit: 20, windowMs: minutes(10) },
    { limit: 200, windowMs: days(1) },
  ]),
  misses: Object.freeze([
    { limit: 10, windowMs: minutes(10) },
    { limit: 50, windowMs: days(1) },
  ]),
  consecutive: Object.freeze({ limit: 5, windowMs: minutes(10), maxStep: 1 }),
  perTarget: Object.freeze([
    { limit: 10, windowMs: minutes(15) },
    { limit: 50, windowMs: days(1) },
  ]),
  delay: Object.freeze({ afterRatio: 0.75, maxDelayMs: 2_000 }),
});

/** `undefined` (inherit), `false` or `[]` (off), or 1 to 4 windows with distinct lengths. */
export function resolveWindows(value: unknown, path: string): BudgetWindows | false | undefined {
  if (value === undefined) return undefined;
  if (value === false) return false;
  if (!Array.isArray(value)) throw optionError(path, 'must be false or an array of { limit, windowMs }');
  if (value.length > MAX_WINDOWS) throw optionError(path, `must have at most ${MAX_WINDOWS} windows`);
  const windows = value.map((w: unknown, i) => resolveWindow(w, `${path}[${i}]`));
  if (new Set(windows.map((w) => w.windowMs)).size !== windows.length) throw optionError(path, 'must not repeat a windowMs');
  return windows.length === 0 ? false : Object.freeze(windows);
}

function resolveWindow(value: unknown, path: string): BudgetWindow {
  const o = assertObject(value, path);
  assertKnownKeys(o, ['limit', 'windowMs'], path);
  if (o.limit === undefined) throw optionError(`${path}.limit`, 'is required');
  if (o.windowMs === undefined) throw optionError(`${path}.windowMs`, 'is required');
  return Object.freeze({
    limit: optionalInteger(o.limit, `${path}.limit`, 1, 1, MAX_LIMIT),
    windowMs: optionalInteger(o.windowMs, `${path}.windowMs`, MIN_WINDOW_MS, MIN_WINDOW_MS, MAX_WINDOW_MS),
  });
}

export function resolveConsecutive(value: unknown, path: string): ResolvedConsecutiveBudget | false | undefined {
  if (value === undefined) return undefined;
  if (value === false) return false;
  const o = assertObject(value, path);
  assertKnownKeys(o, ['limit', 'windowMs', 'maxStep'], path);
  if (o.limit === undefined) throw optionError(`${path}.limit`, 'is required');
  if (o.windowMs === undefined) throw optionError(`${path}.windowMs`, 'is required');
  return Object.freeze({
    limit: optionalInteger(o.limit, `${path}.limit`, 1, 1, MAX_LIMIT),
    windowMs: optionalInteger(o.windowMs, `${path}.windowMs`, MIN_WINDOW_MS, MIN_WINDOW_MS, MAX_WINDOW_MS),
    maxStep: optionalInteger(o.maxStep, `${path}.maxStep`, 1, 1, 1_000),
  });
}

export function resolveDelay(value: unknown, path: string): ResolvedDelay | false | undefined {
  if (value === undefined) return undefined;
  if (value === false) return false;
  const o = assertObject(value, path);
  assertKnownKeys(o, ['afterRatio', 'maxDelayMs'], path);
  const afterRatio = o.afterRatio ?? DEFAULT_BUDGETS.delay.afterRatio;
  if (typeof afterRatio !== 'number' || !(afterRatio > 0 && afterRatio < 1)) throw optionError(`${path}.afterRatio`, 'must be a number between 0 and 1 (exclusive)');
  return Object.freeze({ afterRatio, maxDelayMs: optionalInteger(o.maxDelayMs, `${path}.maxDelayMs`, DEFAULT_BUDGETS.delay.maxDelayMs, 1, 30_000) });
}
