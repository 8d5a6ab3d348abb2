import type { ResolvedAntiEnumerationRoute } from './anti-enumeration-route';
import type { BudgetWindow, ResolvedDelay } from './budgets';
import type { ConsumeResult, WindowCount } from './budget-store';
import type { BudgetCount, EnumerationBudget } from './enumeration-events';

/**
 * What one request's counts mean. Only counts decide, never whether the identifier exists, so an existing
 * and a missing target walk through the same sequence of answers (the misses budget aside, which counts
 * the answers themselves; see `AntiEnumerationBudgets.misses`).
 */
export type Verdict =
  | { readonly kind: 'blocked'; readonly retryAfterMs: number }
  /** A budget is spent. `offence`: the client is blocked (not for `perTarget`, which is nobody's offence). */
  | { readonly kind: 'spent'; readonly spent: BudgetCount; readonly minMs: number; readonly offence: boolean }
  | { readonly kind: 'pass'; readonly delayMs: number; readonly fullest: BudgetCount | undefined };

interface Entry extends BudgetCount {
  readonly resetMs: number;
  /** Spent at `count > limit` (the request over the limit), or `count >= limit` for misses (already answered). */
  readonly spent: boolean;
}

function entries(budget: EnumerationBudget, windows: readonly BudgetWindow[], counts: readonly WindowCount[], spentAtLimit = false): Entry[] {
  return windows.map((w, i) => {
    const c = counts[i] ?? { count: 0, resetMs: 0 };
    return { budget, count: c.count, limit: w.limit, windowMs: w.windowMs, resetMs: c.resetMs, spent: spentAtLimit ? c.count >= w.limit : c.count > w.limit };
  });
}

export function judge(result: ConsumeResult, rule: ResolvedAntiEnumerationRoute): Verdict {
  if (result.blockedMs > 0) return { kind: 'blocked', retryAfterMs: result.blockedMs };
  const client: Entry[] = [
    ...entries('requests', rule.requests, result.requests),
    ...entries('distinct', result.distinct.length > 0 ? rule.distinct : [], result.distinct),
    ...entries('misses', rule.misses, result.misses, true),
  ];
  if (rule.consecutive !== undefined && result.walk !== undefined) {
    client.push(...entries('consecutive', [rule.consecutive], [result.walk]));
  }
  const target = entries('perTarget', result.perTarget.length > 0 ? rule.perTarget : [], result.perTarget);
  const spentClient = client.filter((e) => e.spent);
  if (spentClient.length > 0) return spentVerdict(spentClient, true);
  const spentTarget = target.filter((e) => e.spent);
  if (spentTarget.length > 0) return spentVerdict(spentTarget, false);
  const fullest = [...client, ...target].reduce<Entry | undefined>((best, e) => (best === undefined || e.count / e.limit > best.count / best.limit ? e : best), undefined);
  return { kind: 'pass', delayMs: fullest === undefined ? 0 : delayFor(fullest.count / fullest.limit, rule.delay), fullest: fullest && countOf(fullest) };
}

/** The block covers every spent window, so `Retry-After` is never shorter than the wait really is. */
function spentVerdict(spent: readonly Entry[], offence: boolean): Verdict {
  const longest = spent.reduce((a, b) => (b.resetMs > a.resetMs ? b : a));
  return { kind: 'spent', spent: countOf(longest), minMs: longest.resetMs, offence };
}

function countOf(e: Entry): BudgetCount {
  return { budget: e.budget, count: e.count, limit: e.limit, windowMs: e.windowMs };
}

/** Linear from 0 at `afterRatio` of the limit to `maxDelayMs` at the limit. */
export function delayFor(ratio: number, delay: ResolvedDelay | undefined): number {
  if (delay === undefined || ratio <= delay.afterRatio) return 0;
  return Math.round(delay.maxDelayMs * Math.min(1, (ratio - delay.afterRatio) / (1 - delay.afterRatio)));
}
