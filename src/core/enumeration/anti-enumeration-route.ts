import type { IdentifierKind } from '../identifiers/canonicalize-identifier';
import { assertKnownKeys, assertObject, optionError } from '../options/validate';
import {
  DEFAULT_BUDGETS,
  resolveConsecutive,
  resolveDelay,
  resolveWindows,
  type BudgetWindows,
  type ConsecutiveBudget,
  type DelayOptions,
  type ResolvedConsecutiveBudget,
  type ResolvedDelay,
} from './budgets';
import { resolveIdentifiers, type IdentifierSource, type IdentifierSpec, type ResolvedIdentifier } from './identifier-source';

export type OnStoreError = 'fail-closed' | 'insurance';

/**
 * Budgets, each optional. `undefined` inherits the module's `defaults`, then the library defaults (see
 * `DEFAULT_BUDGETS`); `false` turns a budget off for the route.
 */
export interface AntiEnumerationBudgets {
  /** Requests per client. @default [{ limit: 60, windowMs: minutes(1) }, { limit: 1000, windowMs: hours(1) }] */
  readonly requests?: BudgetWindows | false;
  /** Distinct identifiers per client (needs an identifier). @default [{ limit: 20, windowMs: minutes(10) }, { limit: 200, windowMs: days(1) }] */
  readonly distinct?: BudgetWindows | false;
  /**
   * Misses per client: outcomes 404, 403 or 401, or a not-found, reported after the handler. After
   * `limit` misses in a window the client's next request is refused. On a `UniformLookupResponse` route
   * the adapter reports the uniform answer, so existence cannot leak through this budget.
   * @default [{ limit: 10, windowMs: minutes(10) }, { limit: 50, windowMs: days(1) }]
   */
  readonly misses?: BudgetWindows | false;
  /** Adjacent numeric ids in one walk (`numeric-id` only). @default { limit: 5, windowMs: minutes(10), maxStep: 1 } */
  readonly consecutive?: ConsecutiveBudget | false;
  /**
   * Requests for one identifier from all clients together, counted the same whether it exists or not
   * (reset messages per address). Default on for `email`, `phone` and `username` identifiers only.
   * @default [{ limit: 10, windowMs: minutes(15) }, { limit: 50, windowMs: days(1) }]
   */
  readonly perTarget?: BudgetWindows | false;
  /** Progressive delay before the hard limit. @default { afterRatio: 0.75, maxDelayMs: 2000 } */
  readonly delay?: DelayOptions | false;
}

/** `@AntiEnumeration(...)` / `antiEnumeration(...)`: what one route counts. */
export interface AntiEnumerationRoute extends AntiEnumerationBudgets {
  /** Where the identifier arrives, or several `{ from, kind }` of which one may be present. @default undefined (count requests and misses only) */
  readonly identifier?: IdentifierSource | readonly IdentifierSpec[];
  /** The identifier's kind, which decides its canonical form. @default 'opaque' */
  readonly kind?: IdentifierKind;
  /** When the store fails: refuse with 503 (`'fail-closed'`) or count in memory (`'insurance'`). @default the module's onStoreError */
  readonly onStoreError?: OnStoreError;
}

/** A validated route declaration; `undefined` fields inherit the module defaults. */
export interface AntiEnumerationDeclaration {
  readonly identifiers: readonly ResolvedIdentifier[] | undefined;
  readonly requests: BudgetWindows | false | undefined;
  readonly distinct: BudgetWindows | false | undefined;
  readonly misses: BudgetWindows | false | undefined;
  readonly consecutive: ResolvedConsecutiveBudget | false | undefined;
  readonly perTarget: BudgetWindows | false | undefined;
  readonly delay: ResolvedDelay | false | undefined;
  readonly onStoreError: OnStoreError | undefined;
}

/** Module-level budget defaults, validated (`undefined`: the library default). */
export type ResolvedBudgetDefaults = Partial<Omit<AntiEnumerationDeclaration, 'identifiers' | 'onStoreError'>>;

/** What the engine applies to one route: every budget decided (empty = off). */
export interface ResolvedAntiEnumerationRoute {
  readonly identifiers: readonly ResolvedIdentifier[];
  readonly requests: BudgetWindows;
  readonly distinct: BudgetWindows;
  readonly misses: BudgetWindows;
  readonly consecutive: ResolvedConsecutiveBudget | undefined;
  readonly perTarget: BudgetWindows;
  readonly delay: ResolvedDelay | undefined;
  readonly onStoreError: OnStoreError;
}

const ROUTE_KEYS = ['identifier', 'kind', 'requests', 'distinct', 'misses', 'consecutive', 'perTarget', 'delay', 'onStoreError'] as const;
export const BUDGET_KEYS = ['requests', 'distinct', 'misses', 'consecutive', 'perTarget', 'delay'] as const;
const ACCOUNT_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'username'];

export function resolveOnStoreError(value: unknown, path: string): OnStoreError | undefined {
  if (value === undefined || value === 'fail-closed' || value === 'insurance') return value;
  throw optionError(path, "must be 'fail-closed' or 'insurance'");
}

/** Validates a route's options where they are written (decorator, middleware factory): typos fail at load. */
export function resolveAntiEnumerationRoute(value: unknown, path: string): AntiEnumerationDeclaration {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ROUTE_KEYS, path);
  const identifiers = resolveIdentifiers(o.identifier, o.kind, path);
  const declaration: AntiEnumerationDeclaration = Object.freeze({
    identifiers,
    ...resolveBudgets(o, path),
    onStoreError: resolveOnStoreError(o.onStoreError, `${path}.onStoreError`),
  });
  if (identifiers === undefined) {
    for (const budget of ['distinct', 'perTarget', 'consecutive'] as const) {
      if (declaration[budget] !== undefined && declaration[budget] !== false) throw optionError(`${path}.${budget}`, 'needs an identifier');
    }
  } else if (declaration.consecutive !== undefined && declaration.consecutive !== false && !identifiers.some((i) => i.kind === 'numeric-id')) {
    throw optionError(`${path}.consecutive`, "needs a 'numeric-id' identifier");
  }
  return declaration;
}

/** The budget fields of a route or of the module's `defaults`. */
export function resolveBudgets(o: Record<string, unknown>, path: string): Omit<AntiEnumerationDeclaration, 'identifiers' | 'onStoreError'> {
  return {
    requests: resolveWindows(o.requests, `${path}.requests`),
    distinct: resolveWindows(o.distinct, `${path}.distinct`),
    misses: resolveWindows(o.misses, `${path}.misses`),
    consecutive: resolveConsecutive(o.consecutive, `${path}.consecutive`),
    perTarget: resolveWindows(o.perTarget, `${path}.perTarget`),
    delay: resolveDelay(o.delay, `${path}.delay`),
  };
}

/**
 * Applies module defaults, then library defaults. Defaults only apply where they make sense: no
 * identifier, no distinct or per-target budget; a walk only over numeric ids; a per-target budget by
 * default only for account identifiers.
 */
export function applyRouteDefaults(
  route: AntiEnumerationDeclaration,
  moduleDefaults: ResolvedBudgetDefaults,
  moduleOnStoreError: OnStoreError,
): ResolvedAntiEnumerationRoute {
  const identifiers = route.identifiers ?? [];
  const kinds = identifiers.map((i) => i.kind);
  const pick = <T>(own: T | false | undefined, inherited: T | false | undefined, library: T, applies: boolean): T | undefined => {
    if (own === false) return undefined;
    if (own !== undefined) return own;
    if (!applies || inherited === false) return undefined;
    return inherited ?? library;
  };
  return Object.freeze({
    identifiers,
    requests: pick(route.requests, moduleDefaults.requests, DEFAULT_BUDGETS.requests, true) ?? [],
    distinct: pick(route.distinct, moduleDefaults.distinct, DEFAULT_BUDGETS.distinct, identifiers.length > 0) ?? [],
    misses: pick(route.misses, moduleDefaults.misses, DEFAULT_BUDGETS.misses, true) ?? [],
    consecutive: pick(route.consecutive, moduleDefaults.consecutive, DEFAULT_BUDGETS.consecutive, kinds.includes('numeric-id')),
    perTarget: pick(route.perTarget, moduleDefaults.perTarget, DEFAULT_BUDGETS.perTarget, kinds.some((k) => ACCOUNT_KINDS.includes(k))) ?? [],
    delay: pick(route.delay, moduleDefaults.delay, DEFAULT_BUDGETS.delay, true),
    onStoreError: route.onStoreError ?? moduleOnStoreError,
  });
}

/**
 * Controller (or router) and handler declarations of one route: the handler's fields replace its
 * controller's one by one, and what the handler leaves `undefined` it inherits (a controller-wide request
 * budget, a handler-level identifier). Markers of one Express route merge the same way.
 */
export function mergeAntiEnumerationDeclarations(
  outer: AntiEnumerationDeclaration | undefined,
  inner: AntiEnumerationDeclaration | undefined,
): AntiEnumerationDeclaration | undefined {
  if (outer === undefined || inner === undefined) return inner ?? outer;
  const merged = { ...outer };
  for (const [key, value] of Object.entries(inner) as [keyof AntiEnumerationDeclaration, unknown][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return Object.freeze(merged);
}
