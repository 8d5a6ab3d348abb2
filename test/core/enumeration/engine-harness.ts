import type { Principal } from '../../../src/core/auth/principal';
import { AntiEnumerationEngine } from '../../../src/core/enumeration/anti-enumeration-engine';
import type { AntiEnumerationOptions } from '../../../src/core/enumeration/anti-enumeration-options';
import { resolveAntiEnumerationRoute, type AntiEnumerationRoute } from '../../../src/core/enumeration/anti-enumeration-route';
import type { EnumerationCheck } from '../../../src/core/enumeration/anti-enumeration-engine';
import { isApiwardError } from '../../../src/core/errors/apiward-error';
import type { SecurityEvent } from '../../../src/core/events/security-event';
import type { RequestLike, RouteRef } from '../../../src/core/request-like';

/** An epoch multiple of one day, so every default window starts exactly here. */
export const T0 = Date.UTC(2030, 0, 1);

export interface Harness {
  readonly engine: AntiEnumerationEngine;
  readonly events: SecurityEvent[];
  readonly sleeps: number[];
  readonly logs: string[];
  advance(ms: number): void;
  /** One request through check (and record, when given an outcome): the answer as the client would see it. */
  call(req: Partial<RequestLike>, opts?: CallOptions): Promise<Answer>;
}

export interface CallOptions {
  readonly route?: RouteRef;
  readonly rule?: AntiEnumerationRoute;
  readonly principal?: Principal;
  /** Status the handler answered (reported to record). */
  readonly status?: number;
}

export type Answer =
  | { readonly status: 200; readonly check: EnumerationCheck }
  | { readonly status: number; readonly code: string; readonly headers: Readonly<Record<string, string>>; readonly body: unknown };

export const ROUTE: RouteRef = { method: 'GET', path: '/api/customers/:id' };

export function principal(subject: string, tokenId = 'jti-1'): Principal {
  return { subject, kind: 'user', scopes: [], claims: {}, authTime: undefined, amr: [], credential: 'jwt', tokenId };
}

export function harness(options: AntiEnumerationOptions = {}, defaultRule: AntiEnumerationRoute = {}): Harness {
  let now = T0;
  const events: SecurityEvent[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const engine = AntiEnumerationEngine.create(options, {
    emit: (e) => events.push(e),
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => logs.push(line),
  });
  const declarations = new Map<AntiEnumerationRoute, ReturnType<typeof resolveAntiEnumerationRoute>>();
  return {
    engine,
    events,
    sleeps,
    logs,
    advance: (ms) => {
      now += ms;
    },
    async call(partial, opts = {}) {
      const rule = opts.rule ?? defaultRule;
      let declaration = declarations.get(rule);
      if (declaration === undefined) {
        declaration = resolveAntiEnumerationRoute(rule, 'route');
        declarations.set(rule, declaration);
      }
      const req: RequestLike = { method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1', ...partial };
      try {
        const check = await engine.check(req, opts.route ?? ROUTE, opts.principal, declaration);
        await check.record({ status: opts.status ?? 200 });
        return { status: 200, check };
      } catch (err: unknown) {
        if (!isApiwardError(err)) throw err;
        return { status: err.status, code: err.code, headers: err.headers, body: err.body };
      }
    },
  };
}

/** Only what a client observes, for comparing sequences. */
export function observable(a: Answer): unknown {
  return 'check' in a ? { status: a.status, delayMs: a.check.delayMs } : { status: a.status, headers: a.headers, body: a.body };
}
