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
  return {
    scope,
    client,
    requests: rule.requests,
    misses: rule.misses,
    ...(targetHash !== undefined && rule.distinct.length > 0 ? { distinct: { member: targetHash, windows: rule.distinct } } : {}),
    ...(found !== undefined && walk !== undefined ? { walk: { id: Number(found.canonical), maxStep: walk.maxStep, windowMs: walk.windowMs } } : {}),
    ...(targetHash !== undefined && rule.perTarget.length > 0 ? { perTarget: { target: targetHash, windows: rule.perTarget } } : {}),
  };
}

export const UNKNOWN_ROUTES_SCOPE = '* unmatched';

/** The unknown-route probe as a route rule: one requests budget, nothing else. */
export function unknownRoutesRule(windows: BudgetWindows, onStoreError: ResolvedAntiEnumerationRoute['onStoreError']): ResolvedAntiEnumerationRoute {
  return Object.freeze({ identifiers: [], requests: windows, distinct: [], misses: [], consecutive: undefined, perTarget: [], delay: undefined, onStoreError });
}
