/**
 * The password-reset request API the UniformLookupResponse e2e spec runs on every platform: one lookup,
 * written once, whose branches try every way of giving themselves away (a cookie, a value, a not-found,
 * a domain error, a bug, a slow path, deferred work that fails).
 */
import { ApiwardError, type Defer, type SecurityEvent, type UniformLookupResponseOptions } from '../../../src';
import type { TestApp } from './test-api';

export const RESET_REASON = 'password reset request: anyone may ask';
export const RESET_ANSWER: UniformLookupResponseOptions = {
  status: 202,
  body: { message: 'If an account exists for this address, we sent it a message.' },
  headers: { 'Cache-Control': 'no-store' },
  deadlineMs: 40,
  passThrough: [400],
};
/** The slow route: a handler that always runs past its deadline. */
export const SLOW_ANSWER: UniformLookupResponseOptions = { ...RESET_ANSWER, deadlineMs: 100 };
export const SLOW_HANDLER_MS = 150;

export interface Mail {
  readonly to: string;
  /** Whether the answer had already been sent when the email work started. */
  readonly startedAfterAnswer: boolean;
}

/** What the lookup needs from its platform. */
export interface LookupPort {
  readonly defer: Defer;
  readonly notFound: () => Error;
  /** Sets a response header the platform's way (the hit branch tries to set a cookie). */
  readonly setHeader: (name: string, value: string) => void;
  /** True once the response has been written. */
  readonly answered: () => boolean;
  readonly outbox: Mail[];
}

class AccountLockedError extends Error {}
class MailerDownError extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function requestReset(body: unknown, port: LookupPort): Promise<unknown> {
  const email = (body as { email?: unknown } | null)?.email;
  // Decided before any lookup, and the same for every account: may pass through.
  if (typeof email !== 'string' || !email.includes('@')) throw new ApiwardError('invalid_request', 400);
  await sleep(1);
  switch (email) {
    case 'hit@example.test':
      port.setHeader('Set-Cookie', 'reset-pending=1');
      port.setHeader('ETag', '"hit"');
      port.defer(async () => {
        port.outbox.push({ to: email, startedAfterAnswer: port.answered() });
      });
      return { id: 10001, email, resetToken: 'secret' };
    case 'locked@example.test':
      throw new AccountLockedError('account locked');
    case 'bug@example.test':
      return (undefined as unknown as { id: number }).id;
    case 'mailfail@example.test':
      port.defer(() => Promise.reject(new MailerDownError(`could not mail ${email}`)));
      return { id: 10002 };
    default:
      throw port.notFound();
  }
}

export async function slowLookup(): Promise<unknown> {
  await sleep(SLOW_HANDLER_MS);
  return { id: 10001 };
}

/** A running uniform test API, with what its deferred work and events left behind. */
export interface UniformTestApp extends TestApp {
  readonly outbox: Mail[];
  readonly events: SecurityEvent[];
}

export type UniformTestAppFactory = () => Promise<UniformTestApp>;
