import { ApiwardError, genericBody } from '../errors/apiward-error';
import { eventTime } from '../events/event-sink';
import type { SecurityEvent } from '../events/security-event';
import type { BlockSchedule } from './block-schedule';
import type { BudgetStore } from './budget-store';
import type { EventBase } from './enumeration-events';
import { toRetryAfter } from './retry-after';
import type { StoreCallContext, StoreRunner } from './store-runner';
import type { Verdict } from './verdict';

export interface RefusalDeps {
  readonly runner: StoreRunner;
  readonly schedule: BlockSchedule;
  readonly emit: (event: SecurityEvent) => void;
  readonly now: () => number;
}

/**
 * Emits the event and throws the 429. A spent client budget first starts (or escalates) the client's
 * block, in the store that counted the request. The body is the one generic 429 and the only header is
 * `Retry-After`: nothing in the answer depends on the identifier or on whether it exists.
 */
export async function refuseRequest(
  deps: RefusalDeps,
  verdict: Exclude<Verdict, { kind: 'pass' }>,
  scope: string,
  context: StoreCallContext,
  store: BudgetStore,
  base: EventBase,
): Promise<never> {
  let retryAfterMs = verdict.kind === 'blocked' ? verdict.retryAfterMs : verdict.minMs;
  let offence: number | undefined;
  if (verdict.kind === 'spent' && verdict.offence) {
    try {
      const plan = { scope, client: context.client, minMs: verdict.minMs, schedule: deps.schedule };
      const blocked = await deps.runner.run('block', context, (s) => s.block(plan, deps.now()), store);
      retryAfterMs = blocked.value.blockedMs;
      offence = blocked.value.offence;
    } catch {
      // The store could not record the block (already a `store.failed` event); this request is refused all the same.
    }
  }
  deps.emit({
    ...base,
    at: eventTime(deps.now()),
    type: 'enumeration.blocked',
    reason: verdict.kind === 'spent' ? 'budget_spent' : 'blocked',
    ...(verdict.kind === 'spent' ? verdict.spent : {}),
    retryAfterMs,
    ...(offence !== undefined ? { offence } : {}),
  });
  throw new ApiwardError('too_many_requests', 429, { 'Retry-After': toRetryAfter(retryAfterMs) }, genericBody(429));
}
