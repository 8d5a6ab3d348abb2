import type { RouteRef } from '../request-like';

/**
 * Events of UniformLookupResponse. Like every security event they carry no body, no identifier of the
 * looked-up account and no error message (a message may quote the email it failed on).
 */

/**
 * A handler ran past its deadline: the answer waited for the next multiple of the deadline. Frequent
 * misses mean the deadline is too short for the route (every miss adds a whole deadline of latency).
 */
export interface UniformDeadlineMissedEvent {
  readonly type: 'uniform.deadline_missed';
  /** ISO-8601 timestamp. */
  readonly at: string;
  readonly route?: RouteRef;
  readonly deadlineMs: number;
  /** How long the handler ran, measured from the request's receipt, rounded to whole milliseconds. */
  readonly handlerMs: number;
  /** When the answer was released, measured from the request's receipt: a multiple of `deadlineMs`. */
  readonly releasedAfterMs: number;
}

/** Work deferred past the answer (an email, an SMS, a call to another service) failed. */
export interface UniformDeferredFailedEvent {
  readonly type: 'uniform.deferred_failed';
  /** ISO-8601 timestamp. */
  readonly at: string;
  readonly route?: RouteRef;
  /** The failure's class name (`TypeError`, `MailerError`), or `typeof` for a thrown non-object. Never its message. */
  readonly errorName: string;
}

export type UniformEvent = UniformDeadlineMissedEvent | UniformDeferredFailedEvent;
