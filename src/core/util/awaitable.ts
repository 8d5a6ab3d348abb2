/**
 * A value now, or later. The guard's hot path returns values synchronously whenever nothing had to wait
 * (a cached token, the in-process memory store): every `async` layer costs each request a suspended frame,
 * a promise and a microtask, and under load that allocation is garbage the server collects while later
 * requests queue. Steps that do wait (JWKS, Redis, `isRevoked`, ownership policies) return promises, and
 * the caller continues with `then`.
 */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * Whether `value` is still to come. Only apiward's own values pass through here (principals, check
 * results, store answers: none has a `then`), so a `then` method means a promise, whichever realm made it.
 */
export function isPending<T>(value: Awaitable<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
