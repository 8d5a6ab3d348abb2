import { eventTime } from '../events/event-sink';
import type { RouteRef } from '../request-like';
import { DeferredQueue, isAfterResponse, type Defer } from './deferred-work';
import { passesThrough } from './pass-through';
import type { UniformAnswer } from './uniform-answer';
import { waitUntil, type UniformClock } from './uniform-clock';
import type { UniformEvent } from './uniform-events';
import type { ResolvedUniformLookupResponseOptions } from './uniform-lookup-response-options';

/** What the adapter sends: the configured answer, or a pass-through error for the framework to render. */
export type UniformResult =
  | { readonly kind: 'answer'; readonly answer: UniformAnswer }
  | { readonly kind: 'passThrough'; readonly error: unknown };

/** Shared by every exchange of one route. */
export interface UniformExchangeContext {
  readonly options: ResolvedUniformLookupResponseOptions;
  readonly clock: UniformClock;
  readonly emit: (event: UniformEvent) => void;
  readonly route: RouteRef | undefined;
  readonly onHandlerError: ((error: unknown) => void) | undefined;
}

/**
 * One request on a uniform route. The adapter opens it when the request has been fully received, hands
 * `defer` to the handler, awaits `run(handler)`, writes the result, then calls `sent()`.
 */
export class UniformExchange {
  /** Queues work for after the answer (see `DeferrableWork`). Safe to pass around detached. */
  readonly defer: Defer;
  private readonly deferred: DeferredQueue;
  private ran = false;

  constructor(
    private readonly ctx: UniformExchangeContext,
    /** `ctx.clock.now()` when the request, body included, was fully received. */
    readonly receivedAt: number,
  ) {
    this.deferred = new DeferredQueue((error) => this.emit({ type: 'uniform.deferred_failed', at: eventTime(), errorName: errorName(error) }));
    this.defer = this.deferred.add;
  }

  /**
   * Runs the handler and resolves, at the release time, with what to send. Whatever the handler does —
   * returns a value, throws a not-found error, a domain error or a bug — the result is the configured
   * answer, unless the error is listed in `passThrough`. Never rejects.
   */
  async run(handler: () => unknown): Promise<UniformResult> {
    if (this.ran) throw new Error('apiward: a uniform exchange runs one handler');
    this.ran = true;
    const { options, clock } = this.ctx;
    let failed = false;
    let error: unknown;
    try {
      const value: unknown = await handler();
      if (isAfterResponse(value)) this.defer(value.work);
    } catch (err: unknown) {
      failed = true;
      error = err;
    }
    // The release time depends only on the receipt time and on which multiple of the deadline the handler
    // finished within: the handler's duration inside that window is invisible. No random jitter is added:
    // jitter is independent of the branch, so averaging enough samples removes it and the gap shows again.
    const elapsed = clock.now() - this.receivedAt;
    const multiple = Math.max(1, Math.ceil(elapsed / options.deadlineMs));
    if (multiple > 1) {
      this.emit({
        type: 'uniform.deadline_missed',
        at: eventTime(),
        deadlineMs: options.deadlineMs,
        handlerMs: Math.round(elapsed),
        releasedAfterMs: multiple * options.deadlineMs,
      });
    }
    const passThrough = failed && passesThrough(options.passThrough, error);
    if (failed && !passThrough) this.reportHandlerError(error);
    await waitUntil(clock, this.receivedAt + multiple * options.deadlineMs);
    return passThrough ? { kind: 'passThrough', error } : { kind: 'answer', answer: options.answer };
  }

  /** The answer has been handed to the socket: deferred functions start now. Idempotent. */
  sent(): void {
    this.deferred.start();
  }

  private emit(event: UniformEvent): void {
    try {
      this.ctx.emit(this.ctx.route === undefined ? event : { ...event, route: this.ctx.route });
    } catch {
      // An event sink's failure is not the request's failure.
    }
  }

  private reportHandlerError(error: unknown): void {
    try {
      this.ctx.onHandlerError?.(error);
    } catch {
      // Reporting must not change the answer.
    }
  }
}

/** A class name is safe to log; a message may quote the email or phone number it failed on. */
function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const name: unknown = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,63}$/.test(name) ? name : 'object';
}
