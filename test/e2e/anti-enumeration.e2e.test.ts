/**
 * AntiEnumeration through real HTTP on every platform: Nest 11 (Express and Fastify platforms), Express 5
 * and Express 4 serve the same API (test/support/apps/enumeration-*.ts). 127.0.0.1 plays the trusted
 * proxy; each test names its own client in X-Forwarded-For, or signs in as its own subject. Only `Date`
 * is faked (jest modern timers), so windows are crossed without sleeping while sockets run for real.
 */
import { randomUUID } from 'node:crypto';
import { minutes } from '../../src';
import { bearer, get, send, type HeaderLines, type RawResponse } from '../support/http';
import { claims, signRs256 } from '../support/tokens';
import type { EnumerationTestApp } from '../support/apps/enumeration-api';
import { DATE_ONLY, ENUMERATION_PLATFORMS as PLATFORMS } from '../support/apps/enumeration-platforms';

/** A multiple of every window used here, so tests start at the beginning of each. */
const T0 = Date.UTC(2030, 0, 1);

const TOO_MANY = '{"statusCode":429,"message":"Too Many Requests"}';
const BAD_REQUEST = '{"statusCode":400,"message":"Bad Request"}';

/** A fresh token for `subject` (new jti and signature every call). */
const tokenFor = (subject: string): HeaderLines => bearer(signRs256(claims({ sub: subject, jti: randomUUID() })));
/** The client `address`, as the trusted proxy (127.0.0.1) reports it, after whatever the client wrote itself. */
const via = (address: string, spoofed?: string): HeaderLines => [['X-Forwarded-For', spoofed === undefined ? address : `${spoofed}, ${address}`]];

/** Status, body and headers a client sees, minus the per-response `date`. */
const visible = (res: RawResponse): string =>
  [
    res.status,
    res.text,
    ...res.rawHeaders.map((v, i, all) => (i % 2 === 0 ? `${v.toLowerCase()}: ${all[i + 1]}` : '')).filter((l) => l !== '' && !l.startsWith('date:') && !l.startsWith('keep-alive:')),
  ].join('\n');

describe.each(PLATFORMS)('AntiEnumeration on %s', (_platform, start) => {
  let app: EnumerationTestApp;
  const statuses = async (requests: readonly (() => Promise<RawResponse>)[]): Promise<number[]> => {
    const out: number[] = [];
    for (const r of requests) out.push((await r()).status);
    return out;
  };
  const customer = (id: string, subject: string) => () => get(app.baseUrl, `/customers/${id}`, tokenFor(subject));

  beforeAll(async () => {
    jest.useFakeTimers(DATE_ONLY);
    jest.setSystemTime(T0);
    app = await start();
  });
  afterAll(async () => {
    await app.close();
    jest.useRealTimers();
  });

  it('consecutive: a walk up trips at its limit, and so does one down', async () => {
    expect(await statuses(['10001', '10002', '10003', '10004'].map((id) => customer(id, 'walker-up')))).toEqual([200, 200, 200, 429]);
    expect(await statuses(['10050', '10049', '10048', '10047'].map((id) => customer(id, 'walker-down')))).toEqual([200, 200, 200, 429]);
    const refused = await customer('10005', 'walker-up')();
    expect(refused.status).toBe(429);
    expect(refused.text).toBe(TOO_MANY);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(60);
  });

  it('distinct: the fifth distinct id is refused, repeats are free', async () => {
    const ids = ['10001', '10011', '10001', '10021', '10031', '10011', '10041'];
    expect(await statuses(ids.map((id) => customer(id, 'collector')))).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('misses: after three 404s the next request is refused, even for a real record', async () => {
    expect(await statuses(['90001', '90011', '90021', '10001'].map((id) => customer(id, 'prober')))).toEqual([404, 404, 404, 429]);
    expect(await statuses(['90001', '90011', '10001'].map((id) => customer(id, 'careful')))).toEqual([404, 404, 200]);
  });

  it('non-canonical ids are refused with one generic 400, never parsed', async () => {
    for (const id of ['010001', '10001.0', '1e4', '0x2711', '10001%0A', '%2010001']) {
      const res = await customer(id, 'sloppy')();
      expect([res.status, res.text]).toEqual([400, BAD_REQUEST]);
    }
  });

  it('a new token for the same subject resets nothing', async () => {
    // Each request carries a freshly minted token (new jti, new signature) for the same subject.
    const walk = ['10060', '10061', '10062', '10063'].map((id) => customer(id, 'rotator'));
    expect(await statuses(walk)).toEqual([200, 200, 200, 429]);
  });

  it('existing and missing targets give identical sequences of answers', async () => {
    const run = async (client: string, emails: readonly string[]): Promise<string[]> => {
      const out: string[] = [];
      for (const email of emails) out.push(visible(await get(app.baseUrl, `/users/lookup?email=${encodeURIComponent(email)}`, via(client))));
      return out;
    };
    const existing = await run('198.51.100.10', ['alice@example.com', 'bob@example.com', 'carol@example.com', 'dave@example.com']);
    const missing = await run('198.51.100.11', ['nobody@example.com', 'ghost@example.com', 'void@example.com', 'none@example.com']);
    expect(missing).toEqual(existing);
    expect(existing.map((a) => a.split('\n')[0])).toEqual(['200', '200', '200', '429']);
  });

  it('identifier variants count as one, and the handler receives the canonical spelling', async () => {
    const variants = ['Alice@Example.com', ' alice@example.com ', 'ALICE@EXAMPLE.COM', 'alice＠example.com', 'bob@example.com', 'carol@example.com'];
    const results = await statuses(variants.map((email) => () => get(app.baseUrl, `/users/lookup?email=${encodeURIComponent(email)}`, via('198.51.100.12'))));
    expect(results).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await get(app.baseUrl, '/users/lookup?email=dave%40example.com', via('198.51.100.12'))).status).toBe(429);
    const echoed = await get(app.baseUrl, `/echo?email=${encodeURIComponent(' Bob@Example.COM')}`, via('198.51.100.13'));
    expect(JSON.parse(echoed.text)).toEqual({ email: 'bob@example.com' });
    const phone = await get(app.baseUrl, `/echo?phone=${encodeURIComponent('+1 (555) 123-4567')}`, via('198.51.100.13'));
    expect(JSON.parse(phone.text)).toEqual({ phone: '+15551234567' });
    expect((await get(app.baseUrl, '/echo?email=a%40example.com&phone=%2B15551234567', via('198.51.100.13'))).status).toBe(400);
    expect((await get(app.baseUrl, '/echo?email=a%40example.com&email=b%40example.com', via('198.51.100.13'))).status).toBe(400);
  });

  it('perTarget: one address across clients, refused without blocking the client', async () => {
    const reset = (client: string, email: string) => () =>
      send(app.baseUrl, { method: 'POST', path: '/password-reset', headers: [['Content-Type', 'application/json'], ...via(client)], body: JSON.stringify({ email }) });
    expect(await statuses([reset('203.0.113.1', 'Owner@Example.com'), reset('203.0.113.2', 'owner@example.com'), reset('203.0.113.3', ' OWNER@example.com')])).toEqual([202, 202, 429]);
    expect((await reset('203.0.113.3', 'someone.else@example.com')()).status).toBe(202);
  });

  it('X-Forwarded-For written by the client buys nothing; the window resets on time', async () => {
    const ping = (i: number) => () => get(app.baseUrl, '/ping', via('198.51.100.66', `6.6.6.${i}`));
    expect(await statuses([0, 1, 2, 3].map(ping))).toEqual([200, 200, 200, 429]);
    const refused = await ping(4)();
    expect(refused.headers['retry-after']).toBe('60');
    jest.setSystemTime(Date.now() + minutes(1));
    expect((await ping(5)()).status).toBe(200);
  });

  it('unknown routes: probing is counted, then the client is blocked on every route, real ones included', async () => {
    const probe = (path: string) => () => get(app.baseUrl, path, via('198.51.100.77'));
    expect((await probe('/ping')()).status).toBe(200);
    expect(await statuses(['/v1/customers/1', '/v2/customers/1', '/admin.php', '/api/v0/users'].map(probe))).toEqual([404, 404, 404, 429]);
    const refused = await probe('/.env')();
    expect([refused.status, refused.text]).toEqual([429, TOO_MANY]);
    // A real route answers exactly like an unmatched one while the block lasts: "429" says nothing about
    // which paths exist. Authenticated or not, the prober is its address.
    const real = await probe('/ping')();
    expect(visible(real)).toBe(visible(refused));
    expect(real.headers['retry-after']).toBe('60');
    const signedIn = await get(app.baseUrl, '/customers/10001', [...tokenFor('fuzzer'), ...via('198.51.100.77')]);
    expect([signedIn.status, signedIn.text, signedIn.headers['retry-after']]).toEqual([429, TOO_MANY, '60']);
    // Everyone else is served; the prober again once the block is over.
    expect((await get(app.baseUrl, '/ping', via('198.51.100.78'))).status).toBe(200);
    jest.setSystemTime(Date.now() + minutes(1));
    expect((await probe('/ping')()).status).toBe(200);
  });

  it('events name the client and the route template, never the identifier', () => {
    const blocked = app.events.filter((e) => e.type === 'enumeration.blocked');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked.some((e) => e.route?.path === '/customers/:id' && e.client === 'sub:walker-up' && 'budget' in e && e.budget === 'consecutive')).toBe(true);
    expect(blocked.some((e) => e.client === '198.51.100.77' && 'budget' in e && e.budget === 'unknownRoutes')).toBe(true);
    expect(blocked.some((e) => e.client === '198.51.100.77' && e.route?.path === '/ping' && e.reason === 'blocked')).toBe(true);
    const json = JSON.stringify(app.events);
    expect(json).not.toMatch(/example\.com|10004|5551234567/);
  });
});
