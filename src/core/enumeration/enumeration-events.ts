import type { IdentifierKind } from '../identifiers/canonicalize-identifier';
import type { RouteRef } from '../request-like';

/**
 * Events of AntiEnumeration. Identifiers appear only as `target`: HMAC-SHA256 of the canonical value
 * under the module's hash key, truncated to 24 hex characters. A log reader can see that one target was
 * hammered, or correlate across events, without learning which email or phone it was.
 */
export type EnumerationBudget = 'requests' | 'distinct' | 'misses' | 'consecutive' | 'perTarget' | 'unknownRoutes';

interface EnumerationEventBase {
  /** ISO-8601 timestamp. */
  readonly at: string;
  /** The route template; `{ method, path: '*' }` for the unknown-route probe. */
  readonly route?: RouteRef;
  /** The client key: `sub:<subject>`, an address, or an IPv6 prefix (`2001:db8:0:100::/56`). */
  readonly client: string;
  readonly subject?: string;
  /** Keyed hash of the request's identifier, when it had one. */
  readonly target?: string;
}

/** Counts of the budget window that decided (the fullest one). */
export interface BudgetCount {
  readonly budget: EnumerationBudget;
  readonly count: number;
  readonly limit: number;
  readonly windowMs: number;
}

/** A request was delayed before the handler: the client is near a budget's limit. */
export interface EnumerationThrottledEvent extends EnumerationEventBase, BudgetCount {
  readonly type: 'enumeration.throttled';
  readonly delayMs: number;
}

/**
 * A client was refused or blocked. `reason` `budget_spent`: a budget was spent (the count says which) and
 * this request got 429, or, for `misses`, the miss just recorded starts a block that refuses the next
 * request; `blocked`: the request met an existing block and got 429 (no counts; `budget: 'unknownRoutes'`
 * when the block was earned probing unknown routes and met on a real route).
 */
export interface EnumerationBlockedEvent extends EnumerationEventBase, Partial<BudgetCount> {
  readonly type: 'enumeration.blocked';
  readonly reason: 'budget_spent' | 'blocked';
  readonly retryAfterMs: number;
  /** The client's offence number when this request started a block (escalation). */
  readonly offence?: number;
}

/** The identifier was not one canonical value (400). Never carries the value. */
export interface EnumerationInvalidIdentifierEvent extends EnumerationEventBase {
  readonly type: 'enumeration.invalid_identifier';
  /** `not_canonical`: malformed or not in canonical form; `ambiguous`: several accepted identifiers present; `extractor_failed`: the route's identifier function threw. */
  readonly reason: 'not_canonical' | 'ambiguous' | 'extractor_failed';
  readonly kind?: IdentifierKind;
}

/** The budget store failed or timed out. `action` says how the request was answered. */
export interface StoreFailedEvent {
  readonly type: 'store.failed';
  readonly at: string;
  readonly route?: RouteRef;
  readonly client?: string;
  /** The store's name (`redis`, `memory`, or a custom store's). */
  readonly store: string;
  /** `readBlock`: the check, on every route, of a block for probing unknown routes. */
  readonly operation: 'consume' | 'recordMiss' | 'block' | 'readBlock';
  /** `timeout`: no answer within `storeTimeoutMs`; `error`: it failed; `unavailable`: skipped while the store recovers from a recent failure. */
  readonly reason: 'timeout' | 'error' | 'unavailable';
  /** `fail-closed`: refused with 503; `insurance`: counted in memory instead. */
  readonly action: 'fail-closed' | 'insurance';
}

/** The fields every enumeration event about one request shares (engine-internal). */
export interface EventBase {
  readonly route: RouteRef;
  readonly client: string;
  readonly subject?: string;
  readonly target?: string;
}

export type EnumerationEvent = EnumerationThrottledEvent | EnumerationBlockedEvent | EnumerationInvalidIdentifierEvent | StoreFailedEvent;

/** The fields every AntiEnumeration event of one request shares; optional ones only when known. */
export function eventBase(route: RouteRef, client: string, subject: string | undefined, target: string | undefined): EventBase {
  if (subject === undefined) return target === undefined ? { route, client } : { route, client, target };
  return target === undefined ? { route, client, subject } : { route, client, subject, target };
}
