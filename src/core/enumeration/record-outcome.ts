import { eventTime } from '../events/event-sink';
import type { SecurityEvent } from '../events/security-event';
import type { ResolvedAntiEnumerationRoute } from './anti-enumeration-route';
import type { BlockSchedule } from './block-schedule';
import type { BudgetStore } from './budget-store';
import type { EventBase } from './enumeration-events';
import type { StoreCallContext, StoreRunner } from './store-runner';

/**
 * How the handler's request ended, reported by the adapter after the answer is known: the status sent,
 * or `notFound: true` for a not-found the framework has not turned into a status yet.
 */
export interface EnumerationOutcome {
  readonly status?: number;
  readonly notFound?: boolean;
}

/** 404 (no such object), 403 and 401 (an object that is not yours answers like one that does not exist). */
const MISS_STATUSES = new Set([401, 403, 404]);

export function isMiss(outcome: EnumerationOutcome): boolean {
  return outcome.notFound === true || (outcome.status !== undefined && MISS_STATUSES.has(outcome.status));
}

export interface RecordContext {
  readonly runner: StoreRunner;
  /** The store that counted the request (the insurance store during an outage): misses go to the same one. */
  readonly store: BudgetStore;
  readonly context: StoreCallContext;
  readonly scope: string;
  readonly rule: ResolvedAntiEnumerationRoute;
  readonly block: BlockSchedule;
  readonly emit: (event: SecurityEvent) => void;
  readonly now: () => number;
  readonly base: EventBase;
}

/**
 * The `record` callback of one checked request. A miss is counted; once a misses window reaches its
 * limit the client is blocked, so its next request is refused (this one was answered already), and an
 * `enumeration.blocked` event says so. The first call counts, later calls do nothing; it never rejects:
 * the answer has left, and a store failure here is only a `store.failed` event.
 */
export function recordOutcome(r: RecordContext): (outcome: EnumerationOutcome) => Promise<void> {
  let recorded = false;
  return async (outcome) => {
    if (recorded) return;
    recorded = true;
    if (r.rule.misses.length === 0 || !isMiss(outcome)) return;
    try {
      const who = { scope: r.scope, client: r.context.client };
      const counted = await r.runner.run('recordMiss', r.context, (s) => s.recordMiss({ ...who, windows: r.rule.misses }, r.now()), r.store);
      const counts = counted.value;
      const spent = r.rule.misses.map((w, i) => ({ w, c: counts[i] })).filter((e) => e.c !== undefined && e.c.count >= e.w.limit);
      if (spent.length === 0) return;
      const longest = spent.reduce((a, b) => ((b.c?.resetMs ?? 0) > (a.c?.resetMs ?? 0) ? b : a));
      const minMs = longest.c?.resetMs ?? longest.w.windowMs;
      const blocked = await r.runner.run('block', r.context, (s) => s.block({ ...who, minMs, schedule: r.block }, r.now()), counted.store);
      r.emit({
        ...r.base,
        at: eventTime(r.now()),
        type: 'enumeration.blocked',
        reason: 'budget_spent',
        budget: 'misses',
        count: longest.c?.count ?? longest.w.limit,
        limit: longest.w.limit,
        windowMs: longest.w.windowMs,
        retryAfterMs: blocked.value.blockedMs,
        offence: blocked.value.offence,
      });
    } catch {
      // Already reported as `store.failed`; the client's next request meets the store again.
    }
  };
}
