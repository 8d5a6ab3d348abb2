import { optionError } from '../options/validate';

/** A class of errors (it must extend `Error`). */
export type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * An error that may reach the client unchanged, because it is decided without looking anything up
 * (a malformed email refused with 400 before the query). One of:
 * - an HTTP status from 400 to 499, except 404 and 410: matches an error whose `status`, `statusCode` or
 *   `getStatus()` (Nest's `HttpException`) is that number, e.g. `400` for an `ApiwardError('invalid_request')`;
 * - an `Error` subclass: matches its instances;
 * - a predicate `(error) => boolean`: matches when it returns exactly `true` (a throw matches nothing).
 */
export type PassThroughRule = number | ErrorClass | ((error: unknown) => boolean);

/** A resolved rule: one predicate that never throws. */
export type PassThroughMatcher = (error: unknown) => boolean;

/** 404 and 410 are the existence answers themselves: letting them through would reopen the oracle. */
const EXISTENCE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

export function resolvePassThrough(value: unknown, path: string): readonly PassThroughMatcher[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value)) throw optionError(path, 'must be an array of statuses, Error classes or predicates');
  return Object.freeze(value.map((rule: unknown, i) => resolveRule(rule, `${path}[${i}]`)));
}

function resolveRule(rule: unknown, path: string): PassThroughMatcher {
  if (typeof rule === 'number') {
    if (!Number.isInteger(rule) || rule < 400 || rule > 499 || EXISTENCE_STATUSES.has(rule)) {
      throw optionError(path, 'must be a 4xx status other than 404 and 410 (those are the existence answers)');
    }
    return (error) => statusOf(error) === rule;
  }
  if (typeof rule !== 'function') throw optionError(path, 'must be a status, an Error class or a predicate');
  if (rule === Error) throw optionError(path, 'must not be Error itself: every error would pass through');
  if (isErrorClass(rule)) return (error) => error instanceof rule;
  const predicate = rule as (error: unknown) => unknown;
  return (error) => {
    try {
      return predicate(error) === true;
    } catch {
      // A predicate that fails cannot vouch for the error: the uniform answer goes out.
      return false;
    }
  };
}

function isErrorClass(fn: unknown): fn is ErrorClass {
  const proto: unknown = (fn as { prototype?: unknown }).prototype;
  return typeof proto === 'object' && proto !== null && proto instanceof Error;
}

/** Reads the HTTP status the usual error shapes carry (`ApiwardError`, Nest `HttpException`, http-errors). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; getStatus?: unknown };
  try {
    if (typeof e.getStatus === 'function') {
      const status: unknown = (e.getStatus as () => unknown).call(error);
      if (typeof status === 'number') return status;
    }
  } catch {
    return undefined;
  }
  if (typeof e.status === 'number') return e.status;
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

/**
 * True when any rule lets the error through. An error carrying 404 or 410 never does, whatever the rule:
 * a class rule such as Nest's `HttpException` (or a loose predicate) would otherwise let the handler's
 * `NotFoundException` — the existence answer itself — reach the client.
 */
export function passesThrough(matchers: readonly PassThroughMatcher[], error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && EXISTENCE_STATUSES.has(status)) return false;
  return matchers.some((matches) => matches(error));
}
