import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { adminStepUp, duolingoScrape, hondaReset, optusWalk, shadowApis, twitterLookup } from '../../examples/breach-lab/attacks';
import { AttackTokens } from '../../examples/breach-lab/attacks/lib/attack-tokens';
import type { LabClient } from '../../examples/breach-lab/attacks/lib/lab-client';
import { DEV_PUBLIC_KEY_FILE } from '../../examples/breach-lab/src/identity/lab-identity';
import { listeningLine, type RunningLab } from '../../examples/breach-lab/src/start-lab';
import { bodyOf, freshClient, startTestLab } from './support/test-lab';

/** The vulnerable build: every incident must work against it, or the lab proves nothing. */
describe('breach lab, unprotected build', () => {
  let lab: RunningLab;
  let client: LabClient;
  const tokens = new AttackTokens();

  beforeAll(async () => {
    lab = await startTestLab('unprotected');
  });
  beforeEach(() => {
    client = freshClient(lab);
  });
  afterEach(() => client.close());
  afterAll(() => lab.close());

  it('listens on 127.0.0.1 and announces itself with the contract line', () => {
    expect(listeningLine(lab)).toBe(`breach-lab listening on http://127.0.0.1:${lab.port} (unprotected)`);
    expect(lab.url).toBe(`http://127.0.0.1:${lab.port}`);
  });

  it('GET /health', async () => {
    const res = await client.send({ path: '/health' });
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ status: 'ok', mode: 'unprotected' });
  });

  it('GET /api/customers/:id hands the whole record to anyone (Optus)', async () => {
    const res = await client.send({ path: '/api/customers/10001' });
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id: 10_001, email: 'c10001@breach-lab.test', phone: '+15550010001' });
    expect(Object.keys(bodyOf(res)).sort()).toEqual(['address', 'dateOfBirth', 'email', 'id', 'name', 'passportNumber', 'phone']);
    expect((await client.send({ path: '/api/customers/15000' })).status).toBe(200);
    expect((await client.send({ path: '/api/customers/15001' })).status).toBe(404);
    expect((await client.send({ path: '/api/customers/10000' })).status).toBe(404);
  });

  it('GET /api/v1/customers/:id, the legacy route, does the same', async () => {
    const res = await client.send({ path: '/api/v1/customers/10002' });
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toHaveProperty('passportNumber');
  });

  it('GET /api/users/lookup answers 200 {id, handle} or 404 (Twitter 2021)', async () => {
    const byEmail = await client.send({ path: '/api/users/lookup?email=c10003%40breach-lab.test' });
    expect(byEmail.status).toBe(200);
    expect(Object.keys(bodyOf(byEmail)).sort()).toEqual(['handle', 'id']);
    const byPhone = await client.send({ path: '/api/users/lookup?phone=%2B15550010003' });
    expect(bodyOf(byPhone).id).toBe(10_003);
    expect((await client.send({ path: '/api/users/lookup?email=c99999%40breach-lab.test' })).status).toBe(404);
    expect((await client.send({ path: '/api/users/lookup' })).status).toBe(400);
  });

  it('GET /api/profiles/search is public and returns the whole profile (Duolingo)', async () => {
    const res = await client.send({ path: '/api/profiles/search?email=c10004%40breach-lab.test' });
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toHaveProperty('passportNumber');
  });

  it('POST /api/password-reset: 404 for unknown emails, a mailed token for real ones (Honda)', async () => {
    expect((await client.send({ method: 'POST', path: '/api/password-reset', json: { email: 'nobody@breach-lab.test' } })).status).toBe(404);
    expect((await client.send({ method: 'POST', path: '/api/password-reset', json: { email: 'c10005@breach-lab.test' } })).status).toBe(200);
    const outbox = await client.getJson('/_lab/outbox?to=c10005%40breach-lab.test');
    expect(outbox).toEqual([{ to: 'c10005@breach-lab.test', subject: expect.any(String), body: expect.any(String), token: expect.any(String) }]);
  });

  it('POST /api/password-reset/confirm {email, newPassword} resets any account (Honda)', async () => {
    const confirm = await client.send({ method: 'POST', path: '/api/password-reset/confirm', json: { email: 'c10006@breach-lab.test', newPassword: 'attacker-chose' } });
    expect(confirm.status).toBe(200);
    const login = await client.send({ method: 'POST', path: '/api/login', json: { email: 'c10006@breach-lab.test', password: 'attacker-chose' } });
    expect(login.status).toBe(200);
  });

  it('POST /api/admin/accounts/:id/email works with any valid token (Twitter 2020)', async () => {
    const path = '/api/admin/accounts/10007/email';
    expect((await client.send({ method: 'POST', path, json: { email: 'x@evil.test' } })).status).toBe(401);
    const res = await client.send({ method: 'POST', path, json: { email: 'x@evil.test' }, token: tokens.customer(10_008) });
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toEqual({ id: 10_007, email: 'x@evil.test' });
  });

  it('POST /api/login returns a customer token that verifies against the lab public key', async () => {
    const res = await client.send({ method: 'POST', path: '/api/login', json: { email: 'c10009@breach-lab.test', password: 'pw-10009' } });
    expect(res.status).toBe(200);
    const { accessToken } = bodyOf(res);
    const claims = jwt.verify(String(accessToken), readFileSync(DEV_PUBLIC_KEY_FILE, 'utf8'), {
      algorithms: ['RS256'],
      issuer: 'https://id.breach-lab.test',
      audience: 'breach-lab-api',
    });
    expect(claims).toMatchObject({ sub: '10009', scope: 'customers:read' });
    expect((await client.send({ method: 'POST', path: '/api/login', json: { email: 'c10009@breach-lab.test', password: 'wrong' } })).status).toBe(401);
  });

  it('GET /_lab/inventory lists every route, none declared; /_lab/events is an empty array', async () => {
    const inventory = await client.getJson('/_lab/inventory');
    expect(inventory).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/customers/:id', declared: false }));
    expect(inventory).toHaveLength(12);
    expect(await client.getJson('/_lab/events')).toEqual([]);
  });

  describe('every attack script reproduces its breach', () => {
    const attacks = [
      optusWalk({ count: 40 }),
      twitterLookup({ lookups: 40, timingPairs: 0 }),
      adminStepUp(),
      duolingoScrape({ searches: 40 }),
      hondaReset({ victims: 3 }),
      shadowApis({ legacyReads: 5 }),
    ];
    it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
      const result = await attack.run({ base: lab.url, mode: 'unprotected' });
      expect(result.scenarios.filter((s) => s.breached).map((s) => s.name)).not.toEqual([]);
      expect(result.breachReproduced).toBe(true);
    });
  });
});
