/**
 * Work whose duration depends on existence (sending the reset email, the SMS, a call to another service)
 * must not delay the answer, or the answer's time would say "this account exists". It runs after the
 * answer has been handed to the socket.
 *
 * - A function is the preferred form: it is not even started until the answer is out, so it cannot
 *   compete with the answer for the CPU.
 * - A promise (work already started) is only observed: the answer does not wait for it, and its
 *   rejection is reported instead of becoming an unhandled rejection.
 */
export type DeferrableWork = (() => unknown) | PromiseLike<unknown>;

/** Queues work for after the answer. Given to handlers per request. */
export type Defer = (work: DeferrableWork) => void;

const BRAND = Symbol.for('apiward.afterResponse');

/** What a handler resolves to when it hands its remaining work to apiward: `return afterResponse(...)`. */
export interface AfterResponse {
  readonly [BRAND]: true;
  readonly work: DeferrableWork;
}

/**
 * Lets a handler *return* its remaining work instead of calling `defer`:
 * `if (user) return afterResponse(() => mailer.sendReset(user));`. The route's answer is the configured
 * one either way.
 */
export function afterResponse(work: DeferrableWork): AfterResponse {
  assertDeferrable(work);
  return Object.freeze({ [BRAND]: true as const, work });
}

export function isAfterResponse(value: unknown): value is AfterResponse {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function assertDeferrable(work: unknown): asserts work is DeferrableWork {
  if (typeof work !== 'function' && !isThenable(work)) {
    throw new TypeError('apiward: defer() takes a function (preferred: started after the answer) or a promise');
  }
}

/**
 * The deferred work of one request. Nothing it runs can throw into the request or leave an unhandled
 * rejection: every failure goes to `onFailure` (which emits `uniform.deferred_failed`).
 */
export class DeferredQueue {
  private readonly waiting: (() => unknown)[] = [];
  private started = false;

  constructor(private readonly onFailure: (error: unknown) => void) {}

  /** Adds work; after `start()` a function runs at once (the answer is already out). */
  readonly add: Defer = (work) => {
    assertDeferrable(work);
    if (typeof work !== 'function') {
      this.observe(work);
    } else if (this.started) {
      this.run(work);
    } else {
      this.waiting.push(work);
    }
  };

  /** Starts the waiting functions. Idempotent: adapters call it once the answer is written. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const work of this.waiting.splice(0)) this.run(work);
  }

  private run(work: () => unknown): void {
    // A microtask, so a synchronous throw or a long synchronous start does not run inside the caller's write.
    this.observe(Promise.resolve().then(work));
  }

  private observe(work: PromiseLike<unknown>): void {
    Promise.resolve(work).then(undefined, (error: unknown) => {
      try {
        this.onFailure(error);
      } catch {
        // Reporting must not fail a request either.
      }
    });
  }
}
