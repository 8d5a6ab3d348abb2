import { ApiwardError, genericBody } from '../errors/apiward-error';
import { eventTime } from '../events/event-sink';
import type { SecurityEvent } from '../events/security-event';
import type { RouteRef } from '../request-like';
import { toRetryAfter } from './retry-after';
import type { OnStoreError } from './anti-enumeration-route';
import type { BudgetStore, ConsumePlan, ConsumeResult } from './budget-store';
import type { StoreFailedEvent } from './enumeration-events';
import { MemoryBudgetStore } from './memory/memory-budget-store';
import type { Awaitable } from '../util/awaitable';

export interface StoreCallContext {
  readonly route: RouteRef;
  readonly client: string;
  readonly onStoreError: OnStoreError;
}

export interface StoreAnswer<T> {
  readonly value: T;
  /** The store that answered: the primary, or the insurance store that took over. */
  readonly store: BudgetStore;
}

class StoreTimeout extends Error {}

/**
 * Runs each store call so that a failing store can neither hang a request nor open a route:
 * - every call to any store but apiward's own memory store (primary or insurance) races our own timer
 *   (`storeTimeoutMs`), whatever the store or its client says about itself: a custom store that is
 *   "local" but awaits a lock, a file or a bug must not hang requests either; a late answer or rejection
 *   is absorbed, never unhandled;
 * - after a failure the store is skipped for `storeRetryMs` (no pile-up of requests each waiting out the
 *   timeout against a dead server), then tried again;
 * - a failure emits `store.failed` and then either answers from the in-memory insurance store or
 *   throws a 503 with `Retry-After` (fail closed).
 */
export class StoreRunner {
  private openUntil = 0;
  private insuranceStore: BudgetStore | undefined;

  constructor(
    readonly primary: BudgetStore,
    private readonly makeInsurance: () => BudgetStore,
    private readonly timeoutMs: number,
    private readonly retryMs: number,
    private readonly emit: (event: SecurityEvent) => void,
    private readonly now: () => number,
  ) {}

  get insurance(): BudgetStore {
    this.insuranceStore ??= this.makeInsurance();
    return this.insuranceStore;
  }

  async run<T>(operation: StoreFailedEvent['operation'], context: StoreCallContext, call: (store: BudgetStore) => Promise<T>, store = this.primary): Promise<StoreAnswer<T>> {
    // Only the built-in memory store answers synchronously by construction (no I/O, no await inside).
    if (store instanceof MemoryBudgetStore) {
      try {
        return { value: await call(store), store };
      } catch {
        return this.fallback(operation, context, 'error', call, store);
      }
    }
    return this.runRemote(operation, context, call, store);
  }

  /** Any store but the memory store: raced against our timer, skipped while the circuit is open. */
  private runRemote<T>(operation: StoreFailedEvent['operation'], context: StoreCallContext, call: (store: BudgetStore) => Promise<T>, store: BudgetStore): Promise<StoreAnswer<T>> {
    if (this.now() < this.openUntil) return this.fallback(operation, context, 'unavailable', call, store);
    let pending: Promise<T>;
    try {
      pending = call(store);
    } catch (err: unknown) {
      pending = Promise.reject(err instanceof Error ? err : new Error('store call failed'));
    }
    // Not an async function: one promise per call instead of a suspended frame and two.
    return withTimeout(pending, this.timeoutMs).then(
      (value) => ({ value, store }),
      (err: unknown) => {
        this.openUntil = this.now() + this.retryMs;
        return this.fallback(operation, context, err instanceof StoreTimeout ? 'timeout' : 'error', call, store);
      },
    );
  }

  /**
   * The request's consume: answered synchronously when the primary is apiward's memory store, so the
   * common case pays no promise (and no closure: those are built only for a remote store or a failure).
   */
  consumeNow(context: StoreCallContext, plan: ConsumePlan): Awaitable<StoreAnswer<ConsumeResult>> {
    const store = this.primary;
    if (store instanceof MemoryBudgetStore) {
      try {
        return { value: store.consumeNow(plan, this.now()), store };
      } catch {
        return this.fallback('consume', context, 'error', (s) => s.consume(plan, this.now()), store);
      }
    }
    return this.runRemote('consume', context, (s) => s.consume(plan, this.now()), store);
  }

  private async fallback<T>(
    operation: StoreFailedEvent['operation'],
    context: StoreCallContext,
    reason: StoreFailedEvent['reason'],
    call: (store: BudgetStore) => Promise<T>,
    failed: BudgetStore,
  ): Promise<StoreAnswer<T>> {
    const insured = context.onStoreError === 'insurance' && failed !== this.insuranceStore;
    this.emit({
      type: 'store.failed',
      at: eventTime(this.now()),
      route: context.route,
      client: context.client,
      store: failed.name,
      operation,
      reason,
      action: insured ? 'insurance' : 'fail-closed',
    });
    if (insured) {
      try {
        const insurance = this.insurance;
        return { value: await call(insurance), store: insurance };
      } catch {
        // The insurance store is in-process; if even it fails, the route stays closed.
      }
    }
    throw new ApiwardError('service_unavailable', 503, { 'Retry-After': toRetryAfter(this.retryMs) }, genericBody(503));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreTimeout('store call timed out')), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error('store call failed'));
      },
    );
  });
}
