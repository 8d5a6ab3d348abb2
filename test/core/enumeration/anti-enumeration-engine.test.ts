import { minutes, days } from '../../../src/core/util/duration';
import type { AntiEnumerationRoute } from '../../../src/core/enumeration/anti-enumeration-route';
import { harness, observable, principal, T0, type Answer } from './engine-harness';

const OFF = { requests: false, distinct: false, misses: false, consecutive: false, perTarget: false, delay: false } as const;
const byId: AntiEnumerationRoute = { identifier: 'param:id', kind: 'numeric-id' };
const statuses = (answers: readonly Answer[]): number[] => answers.map((a) => a.status);

async function run(h: ReturnType<typeof harness>, n: number, make: (i: number) => Parameters<typeof h.call>): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i++) out.push(await h.call(...make(i)));
  return out;
}

describe('AntiEnumerationEngine budgets', () => {
  it('requests: trips at the limit and not before, with an honest Retry-After', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 5, windowMs: minutes(1) }] });
    const answers = await run(h, 6, () => [{}]);
    expect(statuses(answers)).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = answers[5];
    expect(refused && 'headers' in refused ? refused.headers : undefined).toEqual({ 'Retry-After': '60' });
    expect(refused && 'body' in refused ? refused.body : undefined).toEqual({ statusCode: 429, message: 'Too Many Requests' });
    h.advance(minutes(1) - 1);
    expect((await h.call({})).status).toBe(429);
    h.advance(1);
    expect((await h.call({})).status).toBe(200);
  });

  it('requests: a per-day window holds after the per-minute one resets', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 3, windowMs: minutes(1) }, { limit: 5, windowMs: days(1) }] });
    expect(statuses(await run(h, 4, () => [{}]))).toEqual([200, 200, 200, 429]);
    h.advance(minutes(1));
    // The refused request counted in the day window too: one more fits.
    const answers = await run(h, 2, () => [{}]);
    expect(statuses(answers)).toEqual([200, 429]);
    const last = answers[1];
    expect(Number(last && 'headers' in last ? last.headers['Retry-After'] : 0)).toBe((days(1) - minutes(1)) / 1000);
  });

  it('distinct: repeats are free, the identifier past the limit is refused', async () => {
    const h = harness({}, { ...OFF, ...byId, distinct: [{ limit: 3, windowMs: minutes(10) }] });
    const ids = ['1', '5', '1', '9', '5', '9', '13'];
    expect(statuses(await run(h, ids.length, (i) => [{ params: { id: ids[i] } }]))).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('consecutive: a walk upwards trips at its limit, and so does one downwards', async () => {
    const rule: AntiEnumerationRoute = { ...OFF, ...byId, consecutive: { limit: 5, windowMs: minutes(10) } };
    const h = harness({}, rule);
    const up = await run(h, 6, (i) => [{ params: { id: String(10001 + i) } }]);
    expect(statuses(up)).toEqual([200, 200, 200, 200, 200, 429]);
    const down = await run(h, 6, (i) => [{ params: { id: String(20000 - i) }, remoteAddress: '198.51.100.2' }]);
    expect(statuses(down)).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('consecutive: jumps and direction changes restart the walk; repeats neither grow nor break it', async () => {
    const h = harness({}, { ...OFF, ...byId, consecutive: { limit: 3, windowMs: minutes(10) } });
    const ids = ['100', '101', '101', '102', '50', '51', '52', '51', '52', '53', '54'];
    expect(statuses(await run(h, ids.length, (i) => [{ params: { id: ids[i] } }]))).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429]);
  });

  it('consecutive: maxStep 2 catches a walk over every other id; a walk expires with its window', async () => {
    const h = harness({}, { ...OFF, ...byId, consecutive: { limit: 3, windowMs: minutes(1), maxStep: 2 } });
    expect(statuses(await run(h, 4, (i) => [{ params: { id: String(10 + 2 * i) } }]))).toEqual([200, 200, 200, 429]);
    const slow = harness({}, { ...OFF, ...byId, consecutive: { limit: 3, windowMs: minutes(1) } });
    const answers: number[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push((await slow.call({ params: { id: String(10 + i) } })).status);
      slow.advance(25_000);
    }
    // Each walk lives one minute from its first id: 3 ids fit, the 4th starts a new walk.
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
  });

  it('perTarget: counts one identifier across clients, refuses without blocking anyone', async () => {
    const rule: AntiEnumerationRoute = { ...OFF, identifier: 'query:email', kind: 'email', perTarget: [{ limit: 3, windowMs: minutes(15) }] };
    const h = harness({}, rule);
    const spellings = ['victim@example.com', 'Victim@Example.com', ' victim@example.com', 'victim@example.com'];
    const answers = await run(h, 4, (i) => [{ query: { email: spellings[i] }, remoteAddress: `198.51.100.${10 + i}` }]);
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
    expect(h.events.filter((e) => e.type === 'enumeration.blocked').map((e) => ('offence' in e ? e.offence : 'none'))).toEqual(['none']);
    // The refused client is not blocked: another target works for it.
    expect((await h.call({ query: { email: 'other@example.com' }, remoteAddress: '198.51.100.13' })).status).toBe(200);
  });

  it('identifier variants count as one distinct identifier, and the handler sees the canonical one', async () => {
    const h = harness({}, { ...OFF, identifier: 'query:email', kind: 'email', distinct: [{ limit: 2, windowMs: minutes(10) }] });
    const variants = ['Victim@Example.com', ' victim@example.com ', 'victim＠example.com', 'v.ictim+x@gmail.com', 'victim@googlemail.com', 'VICTIM@GMAIL.COM'];
    const answers = await run(h, variants.length, (i) => [{ query: { email: variants[i] } }]);
    expect(statuses(answers)).toEqual([200, 200, 200, 200, 200, 200]);
    const first = answers[0];
    expect(first && 'check' in first ? [first.check.canonical, first.check.writeBack] : []).toEqual(['victim@example.com', { in: 'query', name: 'email' }]);
    expect((await h.call({ query: { email: 'third@example.com' } })).status).toBe(429);
  });

  it('X-Forwarded-For from an untrusted client buys nothing', async () => {
    const rule: AntiEnumerationRoute = { ...OFF, requests: [{ limit: 3, windowMs: minutes(1) }] };
    const direct = harness({}, rule);
    expect(statuses(await run(direct, 4, (i) => [{ remoteAddress: '198.51.100.66', headers: { 'x-forwarded-for': `6.6.6.${i}` } }]))).toEqual([200, 200, 200, 429]);
    const proxied = harness({ trustProxy: ['10.0.0.0/8'] }, rule);
    // Through the trusted proxy, the client prepends fake hops; the proxy's own entry names it.
    const viaProxy = await run(proxied, 4, (i) => [{ remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': `6.6.6.${i}, 198.51.100.66` } }]);
    expect(statuses(viaProxy)).toEqual([200, 200, 200, 429]);
    // Straight to the app from outside, the header is ignored.
    const bypass = await run(proxied, 4, (i) => [{ remoteAddress: '198.51.100.77', headers: { 'x-forwarded-for': `6.6.6.${i}` } }]);
    expect(statuses(bypass)).toEqual([200, 200, 200, 429]);
  });

  it('a new token for the same subject resets nothing; another subject has its own budget', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 3, windowMs: minutes(1) }] });
    const answers = await run(h, 4, (i) => [{ remoteAddress: `203.0.113.${i}` }, { principal: principal('10001', `jti-${i}`) }]);
    expect(statuses(answers)).toEqual([200, 200, 200, 429]);
    expect((await h.call({}, { principal: principal('10002') })).status).toBe(200);
  });

  it('IPv6 clients inside one /56 share a budget', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 2, windowMs: minutes(1) }] });
    const answers = await run(h, 3, (i) => [{ remoteAddress: `2001:db8:1:2${i}::${i + 1}` }]);
    expect(statuses(answers)).toEqual([200, 200, 429]);
  });
});

describe('AntiEnumerationEngine answers', () => {
  const walkRule: AntiEnumerationRoute = {
    ...byId,
    misses: false,
    requests: [{ limit: 30, windowMs: minutes(1) }],
    distinct: [{ limit: 8, windowMs: minutes(10) }],
    consecutive: { limit: 5, windowMs: minutes(10) },
    delay: { afterRatio: 0.5, maxDelayMs: 1_000 },
  };

  it('existing and missing targets give identical sequences of answers', async () => {
    const sequence = async (base: number, status: number): Promise<unknown[]> => {
      const h = harness({ hashKey: 'k'.repeat(32) }, walkRule);
      const ids = [0, 1, 2, 3, 4, 5, 5, 9, 20, 21, 40, 41, 42, 60];
      const out: unknown[] = [];
      for (const [i, id] of ids.entries()) {
        out.push(observable(await h.call({ params: { id: String(base + id) }, remoteAddress: '198.51.100.5' }, { status })));
        if (i % 4 === 3) h.advance(minutes(1) + 1);
      }
      return out;
    };
    const existing = await sequence(10_000, 200);
    const missing = await sequence(90_000, 404);
    expect(missing).toEqual(existing);
    expect(existing.some((a) => (a as { status: number }).status === 429)).toBe(true);
  });

  it('with a misses budget, the uniform answer a UniformLookupResponse route reports keeps them identical', async () => {
    const rule: AntiEnumerationRoute = { identifier: 'query:email', kind: 'email', delay: false, misses: [{ limit: 2, windowMs: minutes(10) }] };
    const run5 = async (emails: string[]): Promise<unknown[]> => {
      const h = harness({}, rule);
      const out: unknown[] = [];
      for (const email of emails) out.push(observable(await h.call({ query: { email } }, { status: 202 })));
      return out;
    };
    expect(await run5(['a@real.test', 'b@real.test', 'c@real.test'])).toEqual(await run5(['x@fake.test', 'y@fake.test', 'z@fake.test']));
  });

  it('refuses a non-canonical identifier with one generic 400 and an event without the value', async () => {
    const h = harness({}, byId);
    for (const id of ['010002', '10002.0', '1e4', '0x2712', '10002\n', ['1', '2'], { $ne: '1' }]) {
      const a = await h.call({ params: { id } });
      expect(a).toMatchObject({ status: 400, code: 'invalid_request', body: { statusCode: 400, message: 'Bad Request' } });
    }
    expect(h.events.every((e) => e.type === 'enumeration.invalid_identifier' && e.reason === 'not_canonical')).toBe(true);
    expect(JSON.stringify(h.events)).not.toContain('10002');
  });

  it('refuses two accepted identifiers at once; no identifier counts requests only', async () => {
    const h = harness({}, { identifier: [{ from: 'query:email', kind: 'email' }, { from: 'query:phone', kind: 'phone' }] });
    expect(await h.call({ query: { email: 'a@example.com', phone: '+15551234567' } })).toMatchObject({ status: 400 });
    const phone = await h.call({ query: { phone: '+1 (555) 123-4567' } });
    expect('check' in phone && phone.check.canonical).toBe('+15551234567');
    const none = await h.call({ query: {} });
    expect('check' in none && none.check.canonical).toBeUndefined();
    expect(h.events.find((e) => e.type === 'enumeration.invalid_identifier')).toMatchObject({ reason: 'ambiguous' });
  });

  it('an identifier function that throws denies with 400', async () => {
    const h = harness({}, {
      identifier: () => {
        throw new Error('bug');
      },
    });
    expect(await h.call({})).toMatchObject({ status: 400 });
    expect(h.events[0]).toMatchObject({ type: 'enumeration.invalid_identifier', reason: 'extractor_failed' });
  });

  it('delays progressively from afterRatio, with a throttled event', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 10, windowMs: minutes(1) }], delay: { afterRatio: 0.5, maxDelayMs: 1_000 } });
    const answers = await run(h, 11, () => [{}]);
    expect(answers.map((a) => ('check' in a ? a.check.delayMs : a.status))).toEqual([0, 0, 0, 0, 0, 200, 400, 600, 800, 1000, 429]);
    expect(h.sleeps).toEqual([200, 400, 600, 800, 1000]);
    expect(h.events.filter((e) => e.type === 'enumeration.throttled')[0]).toMatchObject({ budget: 'requests', count: 6, limit: 10, delayMs: 200, client: '198.51.100.1' });
  });

  it('escalates blocks for repeat offenders: 1, 4, 16 minutes', async () => {
    const h = harness({}, { ...OFF, requests: [{ limit: 1, windowMs: 10_000 }] });
    const retryAfters: string[] = [];
    for (let round = 0; round < 3; round++) {
      expect((await h.call({})).status).toBe(200);
      const refused = await h.call({});
      retryAfters.push(refused.status === 429 && 'headers' in refused ? (refused.headers['Retry-After'] ?? '') : '');
      h.advance(Number(retryAfters[round]) * 1000);
    }
    expect(retryAfters).toEqual(['60', '240', '960']);
    const offences = h.events.filter((e) => e.type === 'enumeration.blocked').map((e) => ('offence' in e ? e.offence : undefined));
    expect(offences).toEqual([1, 2, 3]);
  });

  it('events carry the client, route and keyed hash, never the identifier', async () => {
    const h = harness({}, { ...OFF, identifier: 'body:email', kind: 'email', distinct: [{ limit: 1, windowMs: minutes(1) }] });
    await h.call({ body: { email: 'first@example.com' } });
    await h.call({ body: { email: 'second@example.com' } });
    const blocked = h.events.find((e) => e.type === 'enumeration.blocked');
    expect(blocked).toMatchObject({ client: '198.51.100.1', route: { method: 'GET', path: '/api/customers/:id' }, budget: 'distinct', count: 2, limit: 1, reason: 'budget_spent' });
    expect(blocked && 'target' in blocked ? blocked.target : '').toMatch(/^[0-9a-f]{24}$/);
    expect(JSON.stringify(h.events)).not.toMatch(/example\.com/);
    expect(blocked?.at).toBe(new Date(T0).toISOString());
  });

  it('probes unknown routes only when enabled', async () => {
    const off = harness();
    for (let i = 0; i < 50; i++) await off.engine.probeUnknownRoute({ method: 'GET', url: '/x', headers: {}, remoteAddress: '198.51.100.1' }, undefined);
    const on = harness({ unknownRoutes: { budget: [{ limit: 3, windowMs: minutes(1) }] } });
    const probe = (): Promise<unknown> => on.engine.probeUnknownRoute({ method: 'GET', url: '/v1/x', headers: {}, remoteAddress: '198.51.100.1' }, undefined).then(() => 404, (e: { status: number }) => e.status);
    expect([await probe(), await probe(), await probe(), await probe(), await probe()]).toEqual([404, 404, 404, 429, 429]);
    expect(on.events[0]).toMatchObject({ type: 'enumeration.blocked', budget: 'unknownRoutes', route: { method: 'GET', path: '*' } });
  });

  it('logs a proxy warning once when a private proxy forwards and trustProxy is off', async () => {
    const h = harness({}, OFF);
    await h.call({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9' } });
    await h.call({ remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(h.logs).toHaveLength(1);
    expect(h.engine.setupWarning({ frameworkTrustProxy: 1 })).toMatch(/framework trusts/);
  });
});
