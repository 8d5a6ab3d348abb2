import { duolingoScrape, optusWalk, shadowApis } from '../../examples/breach-lab/attacks';
import { AttackTokens } from '../../examples/breach-lab/attacks/lib/attack-tokens';
import { labEvents } from '../../examples/breach-lab/attacks/lib/lab-info';
import { listeningLine } from '../../examples/breach-lab/src/start-lab';
import { bodyOf, withProtectedLab as withLab, wire } from './support/test-lab';

/**
 * The protected build, rows about records (Optus, T-Mobile, Duolingo) and the lab's own routes. Each
 * describe starts its own lab, so one row's budgets never leak into another's.
 */
const tokens = new AttackTokens();

describe('breach lab, protected build: records', () => {
  describe('GET /health', () => {
    const t = withLab();
    it('is public and announces the protected build', async () => {
      expect(listeningLine(t.lab())).toBe(`breach-lab listening on ${t.lab().url} (protected)`);
      const res = await t.client().send({ path: '/health' });
      expect(res.status).toBe(200);
      expect(bodyOf(res)).toMatchObject({ status: 'ok', mode: 'protected', antiEnumeration: 'on' });
    });
  });

  describe('GET /api/customers/:id (Optus)', () => {
    const t = withLab();
    it('refuses a caller without a token with 401 and a Bearer challenge', async () => {
      const res = await t.client().send({ path: '/api/customers/10001' });
      expect(res.status).toBe(401);
      expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer /);
    });

    it('customers:read sees its own record without identity documents; customers:pii adds them', async () => {
      const client = t.client();
      const own = await client.send({ path: '/api/customers/10020', token: tokens.customer(10_020) });
      expect(own.status).toBe(200);
      expect(Object.keys(bodyOf(own)).sort()).toEqual(['address', 'email', 'id', 'name', 'phone']);
      const withPii = await client.send({ path: '/api/customers/10020', token: tokens.customer(10_020, true) });
      expect(bodyOf(withPii)).toMatchObject({ id: 10_020, passportNumber: expect.any(String), dateOfBirth: expect.any(String) });
    });

    it('answers another customer\'s id exactly like a missing id', async () => {
      const client = t.client();
      const token = tokens.customer(10_030);
      const notYours = await client.send({ path: '/api/customers/10031', token });
      const missing = await client.send({ path: '/api/customers/9000001', token });
      expect(notYours.status).toBe(404);
      expect(wire(notYours)).toEqual(wire(missing));
    });

    it('customers:read:any reads any customer', async () => {
      const res = await t.client().send({ path: '/api/customers/10040', token: tokens.support('support-any') });
      expect(res.status).toBe(200);
      expect(bodyOf(res).id).toBe(10_040);
    });

    it('refuses non-canonical and polluted ids with 400 before anything else', async () => {
      const client = t.client();
      const token = tokens.support('support-canonical');
      for (const path of ['/api/customers/010002', '/api/customers/1e4', '/api/customers/0x2712']) {
        expect((await client.send({ path, token })).status).toBe(400);
      }
    });

    it('meets the walk bars: no token nothing, customer only its own, support a handful then 429', async () => {
      const result = await optusWalk({ count: 60 }).run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.61' });
      expect(result.scenarios.filter((s) => !s.meetsBar)).toEqual([]);
      expect(result.barMet).toBe(true);
    });
  });

  describe('GET /api/v1/customers/:id (T-Mobile, the forgotten legacy route)', () => {
    const t = withLab();
    it('is closed to every caller: 401 without a token, 403 with any token', async () => {
      const client = t.client();
      expect((await client.send({ path: '/api/v1/customers/10001' })).status).toBe(401);
      expect((await client.send({ path: '/api/v1/customers/10001', token: tokens.customer(10_001) })).status).toBe(403);
      expect((await client.send({ path: '/api/v1/customers/10001', token: tokens.support('support-legacy') })).status).toBe(403);
    });

    it('is in the inventory as declared: false, and is the only undeclared route', async () => {
      const inventory = (await t.client().getJson('/_lab/inventory')) as { method: string; path: string; declared: boolean }[];
      expect(inventory).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/customers/:id', declared: false }));
      expect(inventory.filter((route) => !route.declared).map((route) => `${route.method} ${route.path}`)).toEqual(['GET /api/v1/customers/:id']);
    });

    it('meets the shadow-API bars: legacy closed, fuzzing throttled, inventory complete', async () => {
      const result = await shadowApis({ legacyReads: 5 }).run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.62' });
      expect(result.scenarios.filter((s) => !s.meetsBar)).toEqual([]);
    });
  });

  describe('GET /api/profiles/search (Duolingo)', () => {
    const t = withLab();
    it('requires a token and returns only id and name', async () => {
      const client = t.client();
      expect((await client.send({ path: '/api/profiles/search?email=c10060%40breach-lab.test' })).status).toBe(401);
      const res = await client.send({ path: '/api/profiles/search?email=c10060%40breach-lab.test', token: tokens.customer(10_061) });
      expect(res.status).toBe(200);
      expect(Object.keys(bodyOf(res)).sort()).toEqual(['id', 'name']);
    });

    it('meets the scrape bars: a small number of profiles per token, then 429, no sensitive field', async () => {
      const result = await duolingoScrape({ searches: 60 }).run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.64' });
      expect(result.scenarios.filter((s) => !s.meetsBar)).toEqual([]);
    });
  });

  describe('/_lab instrumentation', () => {
    const t = withLab();
    it('is declared public with a reason, and the events are a JSON array, oldest first', async () => {
      const client = t.client();
      await client.send({ path: '/api/customers/10001' });
      await client.send({ path: '/api/customers/10002' });
      const inventory = (await client.getJson('/_lab/inventory')) as Record<string, unknown>[];
      const lab = inventory.filter((route) => String(route.path).startsWith('/_lab/'));
      expect(lab.map((route) => route.path).sort()).toEqual(['/_lab/events', '/_lab/inventory', '/_lab/outbox']);
      expect(lab.every((route) => route.declared === true && JSON.stringify(route).includes('breach-lab replay'))).toBe(true);
      const events = await labEvents(t.lab().url);
      expect(events.length).toBeGreaterThanOrEqual(2);
      const times = (events as unknown as { at: string }[]).map((e) => Date.parse(e.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });
  });
});
