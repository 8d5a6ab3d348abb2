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
  /** `fullest`: the window nearest its limit, given only when it causes a delay (the throttled event names it). */
  | { readonly kind: 'pass'; readonly delayMs: number; readonly fullest: BudgetCount | undefined };

/**
 * One pass over the counts, keeping only what the verdict needs: the spent window that resets last (for
 * the client's budgets and, separately, the per-target ones) and the fullest window. It runs on every
 * request, so it keeps references instead of building an entry per window.
 */
class Scan {
  clientSpent: Pick | undefined;
  targetSpent: Pick | undefined;
  // The fullest window as three fields, not a Pick: it changes often during a scan and is rarely reported.
  private fullestBudget: EnumerationBudget | undefined;
  private fullestWindow: BudgetWindow | undefined;
  private fullestCount: WindowCount | undefined;
  private fullestRatio = 0;

  add(budget: EnumerationBudget, windows: readonly BudgetWindow[], counts: readonly WindowCount[], forClient: boolean, spentAtLimit = false): void {
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      const c = counts[i] ?? ZERO;
      // Spent at `count > limit` (the request over the limit), or `count >= limit` for misses (already answered).
      if (spentAtLimit ? c.count >= w.limit : c.count > w.limit) {
        const longest = forClient ? this.clientSpent : this.targetSpent;
        if (longest === undefined || c.resetMs > longest.count.resetMs) {
          if (forClient) this.clientSpent = { budget, window: w, count: c };
          else this.targetSpent = { budget, window: w, count: c };
        }
      }
      const ratio = c.count / w.limit;
      if (this.fullestCount === undefined || ratio > this.fullestRatio) {
        this.fullestBudget = budget;
        this.fullestWindow = w;
        this.fullestCount = c;
        this.fullestRatio = ratio;
      }
    }
  }

  verdict(delay: ResolvedDelay | undefined): Verdict {
    // A spent budget of the client's own is an offence (it gets blocked); a spent per-target budget is nobody's.
    if (this.clientSpent !== undefined) return spentVerdict(this.clientSpent, true);
    if (this.targetSpent !== undefined) return spentVerdict(this.targetSpent, false);
    if (this.fullestCount === undefined) return PASS;
    const delayMs = delayFor(this.fullestRatio, delay);
    if (delayMs === 0) return PASS;
    return { kind: 'pass', delayMs, fullest: countOf({ budget: this.fullestBudget!, window: this.fullestWindow!, count: this.fullestCount }) };
  }
}

interface Pick {
  readonly budget: EnumerationBudget;
  readonly window: BudgetWindow;
  readonly count: WindowCount;
}

/** The verdict of nearly every request: shared, it costs nothing per request. */
const PASS: Verdict = Object.freeze({ kind: 'pass', delayMs: 0, fullest: undefined });

const ZERO: WindowCount = Object.freeze({ count: 0, resetMs: 0 });

export function judge(result: ConsumeResult, rule: ResolvedAntiEnumerationRoute): Verdict {
  if (result.blockedMs > 0) return { kind: 'blocked', retryAfterMs: result.blockedMs };
  const scan = new Scan();
  scan.add('requests', rule.requests, result.requests, true);
  if (result.distinct.length > 0) scan.add('distinct', rule.distinct, result.distinct, true);
  scan.add('misses', rule.misses, result.misses, true, true);
  if (rule.consecutive !== undefined && result.walk !== undefined) scan.add('consecutive', [rule.consecutive], [result.walk], true);
  if (result.perTarget.length > 0) scan.add('perTarget', rule.perTarget, result.perTarget, false);
  return scan.verdict(rule.delay);
}

/** The block covers every spent window (the one that resets last), so `Retry-After` is never shorter than the wait. */
function spentVerdict(spent: Pick, offence: boolean): Verdict {
  return { kind: 'spent', spent: countOf(spent), minMs: spent.count.resetMs, offence };
}

function countOf(p: Pick): BudgetCount {
  return { budget: p.budget, count: p.count.count, limit: p.window.limit, windowMs: p.window.windowMs };
}

/** Linear from 0 at `afterRatio` of the limit to `maxDelayMs` at the limit. */
export function delayFor(ratio: number, delay: ResolvedDelay | undefined): number {
  if (delay === undefined || ratio <= delay.afterRatio) return 0;
  return Math.round(delay.maxDelayMs * Math.min(1, (ratio - delay.afterRatio) / (1 - delay.afterRatio)));
}
