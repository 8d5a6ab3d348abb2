import type { ResolvedAntiEnumerationRoute } from './anti-enumeration-route';
import type { BudgetWindows } from './budgets';
import type { ConsumePlan } from './budget-store';
import type { IdentifiedTarget } from './identify-request';

/**
 * Everything one request counts, in one store call. Distinct and per-target budgets count the identifier's
 * keyed hash; a walk needs the numeric id itself (adjacency cannot be seen through a hash).
 */
export function buildConsumePlan(
  scope: string,
  client: string,
  rule: ResolvedAntiEnumerationRoute,
  found: IdentifiedTarget | undefined,
  targetHash: string | undefined,
): ConsumePlan {
  const walk = found?.kind === 'numeric-id' ? rule.consecutive : undefined;
  // Built field by field rather than with conditional spreads: this runs on every request of the route.
  const plan: Mutable<ConsumePlan> = { scope, client, requests: rule.requests, misses: rule.misses };
  if (targetHash !== undefined && rule.distinct.length > 0) plan.distinct = { member: targetHash, windows: rule.distinct };
  if (found !== undefined && walk !== undefined) plan.walk = { id: Number(found.canonical), maxStep: walk.maxStep, windowMs: walk.windowMs };
  if (targetHash !== undefined && rule.perTarget.length > 0) plan.perTarget = { target: targetHash, windows: rule.perTarget };
  return plan;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const UNKNOWN_ROUTES_SCOPE = '* unmatched';

/** The unknown-route probe as a route rule: one requests budget, nothing else. */
export function unknownRoutesRule(windows: BudgetWindows, onStoreError: ResolvedAntiEnumerationRoute['onStoreError']): ResolvedAntiEnumerationRoute {
  return Object.freeze({ identifiers: [], requests: windows, distinct: [], misses: [], consecutive: undefined, perTarget: [], delay: undefined, onStoreError });
}
