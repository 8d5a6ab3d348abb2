import type { Principal } from '../auth/principal';
import { ApiwardError, genericBody } from '../errors/apiward-error';
import { eventTime } from '../events/event-sink';
import type { RequestLike, RouteRef } from '../request-like';
import type { OnStoreError, ResolvedAntiEnumerationRoute } from './anti-enumeration-route';
import type { BudgetWindows } from './budgets';
import { clientKey, type ClientKeySettings } from './client-key';
import { UNKNOWN_ROUTES_SCOPE, unknownRoutesRule } from './consume-plan';
import type { EventBase } from './enumeration-events';
import { refuseRequest, type RefusalDeps } from './refuse-request';
import { toRetryAfter } from './retry-after';
import type { StoreCallContext } from './store-runner';
import { judge } from './verdict';

/**
 * Unknown-route probing (threat model §6: fuzzing paths and versions for forgotten routes), opt-in
 * through `antiEnumeration.unknownRoutes`. Two parts:
 * - `probe`, for a request no route matched: counted against the client's address; once the budget is
 *   spent the client is blocked (escalating like any block) and answered 429;
 * - `refuseBlocked`, before authentication on every matched route: a blocked prober gets the same 429
 *   there too. Were the block confined to unmatched paths, a fuzzer would read "429" as "no route here"
 *   and anything else as "found one", and keep fuzzing straight through its block.
 * The client is always its address: unmatched requests are never authenticated, so the block a client
 * earns there is keyed the same way wherever it is checked.
 */
export class UnknownRoutesProbe {
  private readonly rule: ResolvedAntiEnumerationRoute;

  constructor(
    private readonly windows: BudgetWindows,
    onStoreError: OnStoreError,
    private readonly clientSettings: ClientKeySettings,
    private readonly refusal: RefusalDeps,
  ) {
    this.rule = unknownRoutesRule(windows, onStoreError);
  }

  async probe(req: RequestLike, principal: Principal | undefined): Promise<void> {
    const { runner, now } = this.refusal;
    const client = clientKey(req, principal, this.clientSettings);
    const route: RouteRef = { method: req.method, path: '*' };
    const context: StoreCallContext = { route, client, onStoreError: this.rule.onStoreError };
    const consumed = await runner.run('consume', context, (s) => s.consume({ scope: UNKNOWN_ROUTES_SCOPE, client, requests: this.windows, misses: [] }, now()));
    const verdict = judge(consumed.value, this.rule);
    if (verdict.kind === 'pass') return;
    const relabelled = verdict.kind === 'spent' ? { ...verdict, spent: { ...verdict.spent, budget: 'unknownRoutes' as const } } : verdict;
    const base: EventBase = { route, client, ...(principal === undefined ? {} : { subject: principal.subject }) };
    await refuseRequest(this.refusal, relabelled, UNKNOWN_ROUTES_SCOPE, context, consumed.store, base);
  }

  /**
   * A read-only lookup (nothing is counted or created for a client without a block), through the store
   * runner like every store call: bounded by `storeTimeoutMs`, and on a store failure the module's
   * `onStoreError` decides (503, or the insurance store, which knows only the blocks it recorded itself).
   */
  async refuseBlocked(req: RequestLike, route: RouteRef): Promise<void> {
    const { runner, now, emit } = this.refusal;
    const client = clientKey(req, undefined, this.clientSettings);
    const context: StoreCallContext = { route, client, onStoreError: this.rule.onStoreError };
    const read = await runner.run('readBlock', context, (s) => s.readBlock({ scope: UNKNOWN_ROUTES_SCOPE, client }, now()));
    const retryAfterMs = read.value;
    if (!(retryAfterMs > 0)) return;
    emit({ type: 'enumeration.blocked', at: eventTime(now()), route, client, reason: 'blocked', budget: 'unknownRoutes', retryAfterMs });
    throw new ApiwardError('too_many_requests', 429, { 'Retry-After': toRetryAfter(retryAfterMs) }, genericBody(429));
  }
}
