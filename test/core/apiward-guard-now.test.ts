import { Apiward } from '../../src/core/apiward';
import { ApiwardError } from '../../src/core/errors/apiward-error';
import type { SecurityEvent } from '../../src/core/events/security-event';
import type { RouteDeclaration } from '../../src/core/route-declaration';
import { bearer, ROUTE } from './auth/guard-harness';
import { signRs256, testAuthOptions } from '../support/tokens';
import { isPending } from '../../src/core/util/awaitable';
import { resolveAntiEnumerationRoute } from '../../src/core/enumeration/anti-enumeration-route';

/**
 * `guardNow` is the adapters' entry: the same stages and answers as `guard`, synchronous when nothing had
 * to wait. These tests pin that it is only faster: every refusal is still a refusal, with its event.
 */
describe('Apiward.guardNow', () => {
  const counted: RouteDeclaration = { antiEnumeration: resolveAntiEnumerationRoute({ identifier: 'param:id', kind: 'numeric-id' }, 'route') };
  const make = (extra: Partial<Parameters<typeof Apiward.create>[0]> = {}) => {
    const events: SecurityEvent[] = [];
    const ward = Apiward.create({ auth: testAuthOptions(), onSecurityEvent: (e) => void events.push(e), leastPrivilege: { strict: false }, ...extra });
    return { ward, events };
  };
  const req = (token: string) => ({ ...bearer(token), params: { id: '7' } });

  it('answers synchronously for a token already verified, with the memory store', async () => {
    const { ward } = make();
    const token = signRs256();
    const first = ward.guardNow(req(token), ROUTE, counted);
    // The first sight of a token may wait (verification is async); the cached one does not.
    await first;
    const second = ward.guardNow(req(token), ROUTE, counted);
    expect(isPending(second)).toBe(false);
    expect((second as Awaited<typeof second>).principal?.subject).toBeDefined();
    expect(typeof (second as Awaited<typeof second>).onFinish).toBe('function');
  });

  it('throws the same ApiwardError synchronously that guard rejects with, and emits the event once each', async () => {
    const { ward, events } = make();
    let thrown: unknown;
    try {
      ward.guardNow(bearer('x'.repeat(20_000)), ROUTE, counted);
    } catch (err: unknown) {
      thrown = err;
    }
    await expect(ward.guard(bearer('x'.repeat(20_000)), ROUTE, counted)).rejects.toBeInstanceOf(ApiwardError);
    expect(thrown).toBeInstanceOf(ApiwardError);
    expect((thrown as ApiwardError).status).toBe(401);
    expect(events.filter((e) => e.type === 'auth.failed')).toHaveLength(2);
  });

  it('guard always returns a promise, even when guardNow would answer synchronously or throw', async () => {
    const { ward } = make();
    const token = signRs256();
    await ward.guard(req(token), ROUTE, counted);
    const ok = ward.guard(req(token), ROUTE, counted);
    expect(ok).toBeInstanceOf(Promise);
    await expect(ok).resolves.toMatchObject({ principal: expect.objectContaining({ credential: 'jwt' }) });
    // No credential: authentication throws synchronously inside guardNow.
    const refused = ward.guard({ method: 'GET', url: '/api/orders/7', headers: {}, remoteAddress: '127.0.0.1' }, ROUTE, counted);
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toMatchObject({ status: 401 });
    // A malformed identifier: the budget stage throws synchronously (after authentication answered synchronously).
    const malformed = ward.guard({ ...bearer(token), params: { id: 'not-a-number' } }, ROUTE, counted);
    expect(malformed).toBeInstanceOf(Promise);
    await expect(malformed).rejects.toMatchObject({ status: 400 });
  });

  it('still refuses once a budget is spent, and blocks the client', () => {
    const { ward, events } = make();
    const token = signRs256();
    const tight: RouteDeclaration = {
      antiEnumeration: resolveAntiEnumerationRoute({ identifier: 'param:id', kind: 'numeric-id', requests: [{ limit: 1, windowMs: 60_000 }], delay: false }, 'route'),
    };
    return Promise.resolve(ward.guardNow(req(token), ROUTE, tight)).then(async () => {
      const second = (): unknown => ward.guardNow(req(token), ROUTE, tight);
      // A spent budget blocks the client, which goes through the store again: that part may wait.
      let outcome: unknown;
      try {
        outcome = second();
      } catch (err: unknown) {
        outcome = err;
      }
      await expect(Promise.resolve(outcome).then(() => 'passed')).rejects.toMatchObject({ status: 429 });
      expect(events.some((e) => e.type === 'enumeration.blocked')).toBe(true);
    });
  });

  it('an isRevoked hook keeps the path asynchronous, and its refusal still refuses', async () => {
    const { ward } = make({ auth: testAuthOptions({ isRevoked: () => true }) });
    const token = signRs256();
    await expect(ward.guard(req(token), ROUTE, counted)).rejects.toMatchObject({ status: 401 });
    let outcome: unknown;
    try {
      outcome = ward.guardNow(req(token), ROUTE, counted);
    } catch (err: unknown) {
      outcome = err;
    }
    expect(isPending(outcome as Promise<unknown>)).toBe(true);
    await expect(outcome).rejects.toMatchObject({ status: 401 });
  });
});
