import { adminStepUp, hondaReset, twitterLookup } from '../../examples/breach-lab/attacks';
import { AttackTokens } from '../../examples/breach-lab/attacks/lib/attack-tokens';
import type { LabClient, LabResponse } from '../../examples/breach-lab/attacks/lib/lab-client';
import { withProtectedLab as withLab, wire } from './support/test-lab';

/**
 * The protected build, rows about accounts (Twitter 2021, Honda, Twitter 2020, login). Each describe
 * starts its own lab, so one row's budgets never leak into another's.
 */
const tokens = new AttackTokens();
const post = (client: LabClient, path: string, json: unknown, token?: string): Promise<LabResponse> =>
  client.send({ method: 'POST', path, json, ...(token !== undefined ? { token } : {}) });

describe('breach lab, protected build: accounts', () => {
  describe('GET /api/users/lookup (Twitter 2021)', () => {
    const t = withLab();
    it('is public and answers a real and a fake email, and a real and a fake phone, byte for byte alike', async () => {
      const client = t.client();
      const realEmail = await client.send({ path: '/api/users/lookup?email=c10050%40breach-lab.test' });
      const fakeEmail = await client.send({ path: '/api/users/lookup?email=c90050%40breach-lab.test' });
      const realPhone = await client.send({ path: '/api/users/lookup?phone=%2B15550010050' });
      const fakePhone = await client.send({ path: '/api/users/lookup?phone=%2B15550090050' });
      expect(realEmail.status).not.toBe(401);
      expect(wire(realEmail)).toEqual(wire(fakeEmail));
      expect(wire(realPhone)).toEqual(wire(fakePhone));
      expect(wire(realEmail)).toEqual(wire(realPhone));
      expect(realEmail.body.toString()).not.toContain('10050');
    });

    it('throttles a client probing many identifiers, identically for real and fake ones', async () => {
      const result = await twitterLookup({ lookups: 60, timingPairs: 0 }).run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.63' });
      expect(result.scenarios.filter((s) => !s.meetsBar)).toEqual([]);
      expect(result.statuses['429']).toBeGreaterThan(0);
    });
  });

  describe('POST /api/password-reset and /confirm (Honda)', () => {
    const t = withLab();
    it('answers a real and an unknown address alike, and mails a token only to the real one', async () => {
      const client = t.client();
      const real = await post(client, '/api/password-reset', { email: 'c10070@breach-lab.test' });
      const unknown = await post(client, '/api/password-reset', { email: 'c90070@breach-lab.test' });
      expect(wire(real)).toEqual(wire(unknown));
      const outbox = await client.getJson('/_lab/outbox?to=c10070%40breach-lab.test');
      expect(outbox).toEqual([{ to: 'c10070@breach-lab.test', subject: expect.any(String), body: expect.any(String), token: expect.any(String) }]);
      expect(await client.getJson('/_lab/outbox?to=c90070%40breach-lab.test')).toEqual([]);
    });

    it('refuses {email, newPassword} and an access token as proof', async () => {
      const client = t.client();
      expect((await post(client, '/api/password-reset/confirm', { email: 'c10071@breach-lab.test', newPassword: 'attacker-chose' })).status).toBe(400);
      expect((await post(client, '/api/password-reset/confirm', { token: tokens.customer(10_071), newPassword: 'attacker-chose' })).status).toBe(401);
      const login = await post(client, '/api/login', { email: 'c10071@breach-lab.test', password: 'attacker-chose' });
      expect(login.status).toBe(401);
    });

    it('meets the takeover bars: nothing taken over, the mailed token works once, per-target budget', async () => {
      const result = await hondaReset({ victims: 3 }).run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.65' });
      expect(result.scenarios.filter((s) => !s.meetsBar)).toEqual([]);
    });
  });

  describe('POST /api/admin/accounts/:id/email (Twitter 2020)', () => {
    const t = withLab();
    it('needs admin:accounts (403), a second factor and a recent authentication (401 step-up), with an event each time', async () => {
      const result = await adminStepUp().run({ base: t.lab().url, mode: 'protected', sourceAddress: '127.0.0.66' });
      expect(result.scenarios.map((s) => [s.name, s.meetsBar])).toEqual(result.scenarios.map((s) => [s.name, true]));
    });
  });

  describe('POST /api/login', () => {
    const t = withLab();
    it('answers a wrong password and an unknown account identically', async () => {
      const client = t.client();
      const wrong = await post(client, '/api/login', { email: 'c10080@breach-lab.test', password: 'not-it' });
      const unknown = await post(client, '/api/login', { email: 'c90080@breach-lab.test', password: 'not-it' });
      expect(wrong.status).toBe(401);
      expect(wire(wrong)).toEqual(wire(unknown));
    });

    it('stops an attacker\'s guesses from one address without locking the owner out on another', async () => {
      const attacker = t.client();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await post(attacker, '/api/login', { email: 'c10081@breach-lab.test', password: `guess-${i}` })).status);
      expect(statuses).toContain(429);
      expect(statuses).not.toContain(200);
      const owner = await post(t.client(), '/api/login', { email: 'c10081@breach-lab.test', password: 'pw-10081' });
      expect(owner.status).toBe(200);
    });
  });
});
