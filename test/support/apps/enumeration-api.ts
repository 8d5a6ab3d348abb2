/**
 * The AntiEnumeration test API, described once for every platform: a customer record route with a walk,
 * distinct-id and misses budget; a public email lookup answered uniformly; a password-reset request with a
 * per-target budget; a ping with a plain request budget; an echo showing the canonical identifier the
 * handler receives. Budgets are tiny so every trip point is a few requests away.
 */
import type { AntiEnumerationOptions, AntiEnumerationRoute, SecurityEvent, UniformLookupResponseOptions } from '../../../src';
import { minutes } from '../../../src';
import type { TestApp } from './test-api';

export const CUSTOMER_REASON = 'any signed-in user may ask for a customer record; ownership is not the point of this test';
export const PUBLIC_REASON = 'anti-enumeration test route';

/** Customers 10001–10100 exist. */
export const customerExists = (id: string): boolean => Number(id) >= 10_001 && Number(id) <= 10_100;
export const REAL_EMAILS: ReadonlySet<string> = new Set(['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com']);

export const CUSTOMER_BUDGETS: AntiEnumerationRoute = {
  identifier: 'param:id',
  kind: 'numeric-id',
  requests: false,
  distinct: [{ limit: 4, windowMs: minutes(10) }],
  consecutive: { limit: 3, windowMs: minutes(10) },
  misses: [{ limit: 3, windowMs: minutes(10) }],
};

export const LOOKUP_BUDGETS: AntiEnumerationRoute = { identifier: 'query:email', kind: 'email', requests: false, perTarget: false, distinct: [{ limit: 3, windowMs: minutes(10) }] };
export const LOOKUP_ANSWER: UniformLookupResponseOptions = { status: 200, body: { message: 'If this address has an account, its owner was notified.' }, deadlineMs: 20 };

export const RESET_BUDGETS: AntiEnumerationRoute = {
  identifier: 'body:email',
  kind: 'email',
  requests: false,
  distinct: false,
  misses: false,
  perTarget: [{ limit: 2, windowMs: minutes(15) }],
};

export const PING_BUDGETS: AntiEnumerationRoute = { requests: [{ limit: 3, windowMs: minutes(1) }], misses: false };
export const ECHO_BUDGETS: AntiEnumerationRoute = { identifier: [{ from: 'query:email', kind: 'email' }, { from: 'query:phone', kind: 'phone' }], requests: false, distinct: false, misses: false, perTarget: false };

/**
 * Module options: requests reach the app from 127.0.0.1, which plays the trusted proxy; each test names
 * its client in `X-Forwarded-For`. Unknown-route probing on, three unmatched requests per minute.
 */
export const ENUMERATION_MODULE_OPTIONS: AntiEnumerationOptions = {
  trustProxy: ['loopback'],
  defaults: { delay: false },
  unknownRoutes: { budget: [{ limit: 3, windowMs: minutes(1) }] },
};

export interface EnumerationTestApp extends TestApp {
  readonly events: SecurityEvent[];
}

export type EnumerationTestAppFactory = (options?: AntiEnumerationOptions) => Promise<EnumerationTestApp>;
