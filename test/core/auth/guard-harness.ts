/**
 * Drives the core engine the way an adapter does: `Apiward.create(...).guard(req, route, declaration)`
 * with plain `RequestLike` objects, recording every security event.
 */
import { Apiward, type ApiwardRuntime } from '../../../src/core/apiward';
import type { AuthOptions } from '../../../src/core/auth/auth-options';
import type { Principal } from '../../../src/core/auth/principal';
import { ApiwardError, genericBody } from '../../../src/core/errors/apiward-error';
import type { AuthFailedEvent, AuthFailureReason, SecurityEvent } from '../../../src/core/events/security-event';
import type { RequestLike, RouteRef } from '../../../src/core/request-like';
import type { RouteDeclaration } from '../../../src/core/route-declaration';
import { testAuthOptions } from '../../support/tokens';

export const ROUTE: RouteRef = { method: 'GET', path: '/api/orders/:id' };

export interface Harness {
  readonly ward: Apiward;
  readonly events: SecurityEvent[];
  guard(req: RequestLike, declaration?: RouteDeclaration): Promise<Principal | undefined>;
}

export function harness(auth: AuthOptions = testAuthOptions(), runtime: ApiwardRuntime = {}): Harness {
  const events: SecurityEvent[] = [];
  // Authorization deny-by-default (LeastPrivilege) is off here: these suites test authentication alone.
  const ward = Apiward.create({ auth, onSecurityEvent: (e) => void events.push(e), leastPrivilege: { strict: false } }, runtime);
  return {
    ward,
    events,
    guard: async (req, declaration = {}) => (await ward.guard(req, ROUTE, declaration)).principal,
  };
}

/** A request as Node would present it: lower-case `headers` plus `rawHeaders` with every occurrence. */
export function request(headers: ReadonlyArray<readonly [string, string]> = []): RequestLike {
  const folded: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    // Node keeps the first Authorization and joins other duplicates with ", ".
    if (folded[key] === undefined) folded[key] = value;
    else if (key !== 'authorization') folded[key] = `${folded[key]}, ${value}`;
  }
  return { method: 'GET', url: '/api/orders/1', headers: folded, rawHeaders: headers.flatMap(([n, v]) => [n, v]), remoteAddress: '127.0.0.1' };
}

export const bearer = (token: string): RequestLike => request([['Authorization', `Bearer ${token}`]]);
export const apiKey = (key: string): RequestLike => request([['X-Api-Key', key]]);

export interface Expected {
  readonly reason: AuthFailureReason;
  /** Default 401. */
  readonly status?: number;
  /** Default: 'invalid_token' for 401, 'invalid_request' for 400. */
  readonly code?: string;
  /** Full expected WWW-Authenticate. Default: the invalid_token / invalid_request challenge of realm "api". */
  readonly challenge?: string;
}

const CHALLENGES: Readonly<Record<number, string>> = {
  401: 'Bearer realm="api", error="invalid_token"',
  400: 'Bearer realm="api", error="invalid_request"',
};

/** Asserts the denial: status, code, exact headers, the generic body, and one event with the reason. */
export async function expectDenied(h: Harness, req: RequestLike, expected: Expected, declaration: RouteDeclaration = {}): Promise<AuthFailedEvent> {
  const status = expected.status ?? 401;
  const before = h.events.length;
  let caught: unknown;
  try {
    await h.guard(req, declaration);
  } catch (err: unknown) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ApiwardError);
  const error = caught as ApiwardError;
  expect(h.events.slice(before)).toEqual([expect.objectContaining({ type: 'auth.failed', reason: expected.reason, route: ROUTE })]);
  expect({ status: error.status, code: error.code }).toEqual({ status, code: expected.code ?? (status === 400 ? 'invalid_request' : 'invalid_token') });
  expect(error.headers).toEqual({ 'WWW-Authenticate': expected.challenge ?? CHALLENGES[status] });
  expect(error.body).toEqual(genericBody(status));
  const event = h.events[h.events.length - 1] as AuthFailedEvent;
  // The event carries the reason, never token material.
  let credential = '';
  try {
    credential = JSON.stringify(req.headers);
  } catch {
    // A request whose headers cannot be read carries nothing to leak.
  }
  for (const part of credential.split(/[\s.",:{}]+/).filter((p) => p.length > 20)) {
    expect(JSON.stringify(event)).not.toContain(part);
  }
  return event;
}
