import { Apiward } from '../../../src/core/apiward';
import { MemoryBudgetStore } from '../../../src/core/enumeration/memory/memory-budget-store';
import type { SecurityEvent } from '../../../src/core/events/security-event';
import type { RequestLike, RouteRef } from '../../../src/core/request-like';
import { minutes } from '../../../src/core/util/duration';
import { testAuthOptions } from '../../support/tokens';
import { harness, T0 } from './engine-harness';

const PING: RouteRef = { method: 'GET', path: '/ping' };
const from = (remoteAddress: string, url = '/ping'): RequestLike => ({ method: 'GET', url, headers: {}, remoteAddress });
const outcome = (p: Promise<void>): Promise<unknown> => p.then(() => 'pass', (e: { status: number; headers: Record<string, string> }) => [e.status, e.headers['Retry-After']]);

describe('UnknownRoutesProbe: a blocked prober is refused on every route', () => {
  const budget = { budget: [{ limit: 2, windowMs: minutes(1) }] };

  it('real routes answer normally until the block, then the same 429 and Retry-After as unmatched paths', async () => {
    const h = harness({ unknownRoutes: budget });
    const fuzzer = from('198.51.100.20', '/admin.php');
    const probe = (): Promise<unknown> => outcome(h.engine.probeUnknownRoute(fuzzer, undefined));
    expect([await probe(), await probe()]).toEqual(['pass', 'pass']);
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.20'), PING))).toBe('pass');
    expect(await probe()).toEqual([429, '60']);
    h.advance(20_000);
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.20'), PING))).toEqual([429, '40']);
    expect(await probe()).toEqual([429, '40']);
    // Another address is not affected; the same client is served again once its block ends.
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.21'), PING))).toBe('pass');
    h.advance(40_000);
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.20'), PING))).toBe('pass');
    expect(h.events.at(-2)).toMatchObject({ type: 'enumeration.blocked', reason: 'blocked', budget: 'unknownRoutes', route: PING, client: '198.51.100.20', retryAfterMs: 40_000 });
  });

  it('the block escalates like any other: a second offence is refused on real routes for 4 minutes', async () => {
    const h = harness({ unknownRoutes: budget });
    const fuzz = async (n: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(await outcome(h.engine.probeUnknownRoute(from('198.51.100.30', `/v${i}/x`), undefined)));
      return out;
    };
    expect(await fuzz(3)).toEqual(['pass', 'pass', [429, '60']]);
    h.advance(minutes(1));
    expect(await fuzz(3)).toEqual(['pass', 'pass', [429, '240']]);
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.30'), PING))).toEqual([429, '240']);
  });

  it('the lookup tracks nobody: a flood of fresh addresses on real routes adds no key', async () => {
    const h = harness({ unknownRoutes: budget });
    for (let i = 0; i < 500; i++) await h.engine.refuseBlockedProber(from(`10.0.${i >> 8}.${i & 255}`), PING);
    expect((h.engine.runner.primary as MemoryBudgetStore).trackedKeys).toBe(0);
  });

  it('costs nothing and refuses nothing when unknownRoutes is off', async () => {
    const h = harness();
    for (let i = 0; i < 50; i++) await h.engine.probeUnknownRoute(from('198.51.100.40', '/x'), undefined);
    expect(await outcome(h.engine.refuseBlockedProber(from('198.51.100.40'), PING))).toBe('pass');
    expect(h.events).toEqual([]);
  });
});

describe('Apiward.guard with unknownRoutes', () => {
  it('refuses a blocked prober before authentication, on public and authenticated routes alike', async () => {
    const events: SecurityEvent[] = [];
    let now = T0;
    const ward = Apiward.create({ auth: testAuthOptions(), antiEnumeration: { unknownRoutes: { budget: [{ limit: 1, windowMs: minutes(1) }] } }, onSecurityEvent: (e) => void events.push(e) }, { now: () => now });
    const fuzzer = from('198.51.100.50', '/.git/config');
    expect(await outcome(ward.probeUnknownRoute(fuzzer))).toBe('pass');
    expect(await outcome(ward.probeUnknownRoute(fuzzer))).toEqual([429, '60']);
    const open = { public: { reason: 'test' } };
    expect(await outcome(ward.guard(from('198.51.100.50'), PING, open).then(() => undefined))).toEqual([429, '60']);
    expect(await outcome(ward.guard(from('198.51.100.50'), { method: 'GET', path: '/me' }, {}).then(() => undefined))).toEqual([429, '60']);
    // Refused before authentication: no auth.failed for the credential-less request.
    expect(events.some((e) => e.type === 'auth.failed')).toBe(false);
    // Anyone else: the public route opens, the private one asks for a credential.
    expect(await outcome(ward.guard(from('198.51.100.51'), PING, open).then(() => undefined))).toBe('pass');
    expect(await outcome(ward.guard(from('198.51.100.51'), { method: 'GET', path: '/me' }, {}).then(() => undefined))).toEqual([401, undefined]);
    now += minutes(1);
    expect(await outcome(ward.guard(from('198.51.100.50'), PING, open).then(() => undefined))).toBe('pass');
    await ward.close();
  });
});
