/**
 * RequireAuth through real HTTP on every platform: Nest 11 (Express and Fastify platforms), Express 5 and
 * Express 4 serve the same API (test/support/apps) and must give the same answers, byte for byte.
 */
import { createServer, type Server } from 'node:http';
import { genericBody, minutes, type SecurityEvent } from '../../src';
import { baseUrlOf, bearer, get, type RawResponse } from '../support/http';
import { PLATFORMS } from '../support/apps/platforms';
import type { TestApp } from '../support/apps/test-api';
import { FORGOTTEN_BODY, HEALTH_BODY } from '../support/apps/test-api';
import { claims, mfaClaims, signRs256, testAuthOptions, TEST_API_KEY } from '../support/tokens';
import { badInputCases, type BadInputCase } from './bad-input-cases';

/** Receives any key fetch a `jku` / `x5u` header might trigger: it must receive nothing. */
let keyListener: Server;
let keyListenerHits = 0;
let cases: readonly BadInputCase[];

beforeAll(async () => {
  keyListener = createServer((_req, res) => {
    keyListenerHits += 1;
    res.end('{"keys":[]}');
  });
  await new Promise<void>((resolve) => keyListener.listen(0, '127.0.0.1', resolve));
  cases = badInputCases(baseUrlOf(keyListener));
});

afterAll(async () => {
  keyListener.closeAllConnections();
  await new Promise<void>((resolve) => keyListener.close(() => resolve()));
});

const UNAUTHORIZED_BODY = JSON.stringify(genericBody(401));

interface Answer {
  readonly status: number;
  readonly text?: string;
  readonly challenge?: unknown;
}

/** Per case, what each platform answered: compared across platforms at the end. */
const answers = new Map<string, Map<string, Answer>>();

/** `statusOnly` for answers the HTTP server gives before apiward runs (their bodies are the server's). */
function record(caseName: string, platform: string, res: RawResponse, statusOnly = false): void {
  const perPlatform = answers.get(caseName) ?? new Map<string, Answer>();
  perPlatform.set(platform, statusOnly ? { status: res.status } : { status: res.status, text: res.text, challenge: res.headers['www-authenticate'] });
  answers.set(caseName, perPlatform);
}

const json = (res: RawResponse): unknown => JSON.parse(res.text);

describe.each(PLATFORMS)('RequireAuth on %s', (platform, start) => {
  let app: TestApp;
  const events: SecurityEvent[] = [];

  beforeAll(async () => {
    app = await start({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
  });
  afterAll(() => app.close());

  it('serves a public route without a credential', async () => {
    const res = await get(app.baseUrl, '/health');
    expect(res.status).toBe(200);
    expect(json(res)).toEqual(HEALTH_BODY);
  });

  it('refuses a request without a credential: 401, an RFC 6750 challenge, the generic body', async () => {
    const res = await get(app.baseUrl, '/me');
    record('no credential', platform, res);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
    expect(res.text).toBe(UNAUTHORIZED_BODY);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('keeps a route nobody declared closed (deny by default)', async () => {
    const res = await get(app.baseUrl, '/forgotten');
    record('undeclared route', platform, res);
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(FORGOTTEN_BODY.leaked);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
  });

  it('accepts a valid RS256 token and hands the principal to the handler', async () => {
    const res = await get(app.baseUrl, '/me', bearer(signRs256()));
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ subject: 'user-1', kind: 'user', credential: 'jwt', scopes: ['orders:read'] });
  });

  it('accepts the API key on /reports and refuses a JWT there', async () => {
    const withKey = await get(app.baseUrl, '/reports', [['X-Api-Key', TEST_API_KEY]]);
    expect(withKey.status).toBe(200);
    expect(json(withKey)).toEqual({ subject: 'svc-reporting', kind: 'service', credential: 'apiKey', scopes: ['reports:read'] });

    const withJwt = await get(app.baseUrl, '/reports', bearer(signRs256()));
    record('jwt on an api-key route', platform, withJwt);
    expect(withJwt.status).toBe(401);
    expect(withJwt.text).toBe(UNAUTHORIZED_BODY);
  });

  describe('step-up on /admin (RFC 9470)', () => {
    it.each([
      ['no second factor', {}],
      ['a stale second factor', mfaClaims(minutes(30))],
      ['a password only, recently', { amr: ['pwd'], auth_time: Math.floor(Date.now() / 1000) }],
    ])('challenges a token with %s', async (name, extra) => {
      const res = await get(app.baseUrl, '/admin', bearer(signRs256(claims(extra))));
      record(`step-up: ${name}`, platform, res);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
      expect(res.text).toBe(UNAUTHORIZED_BODY);
    });

    it('lets a fresh second factor through', async () => {
      const res = await get(app.baseUrl, '/admin', bearer(signRs256(claims(mfaClaims(minutes(1))))));
      expect(res.status).toBe(200);
      expect(json(res)).toMatchObject({ subject: 'user-1', credential: 'jwt' });
    });
  });

  describe('bad input, through real HTTP: never 5xx, never open', () => {
    // Built in beforeAll (it needs the key listener's address); jest needs the names now.
    it.each(badInputCaseNames())('%s', async (name) => {
      const testCase = cases.find((c) => c.name === name)!;
      const before = events.length;
      const res = await get(app.baseUrl, testCase.path ?? '/me', testCase.headers);
      record(name, platform, res, testCase.refusedByServer === true && res.status === 431);
      expect(testCase.expect).toContain(res.status);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain(FORGOTTEN_BODY.leaked);
      if (res.status === 401) {
        expect(res.text).toBe(UNAUTHORIZED_BODY);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
      }
      if (res.status === 400) expect(res.text).toBe(JSON.stringify(genericBody(400)));
      // The reason goes to the event, and no event carries token material.
      const emitted = JSON.stringify(events.slice(before));
      for (const secret of testCase.secrets) expect(emitted).not.toContain(secret);
    });
  });
});

describe('across platforms', () => {
  it('no jku / x5u header made anything fetch a key', () => {
    expect(keyListenerHits).toBe(0);
  });

  it('every platform answered each denial with the same status, body bytes and challenge', () => {
    expect(answers.size).toBeGreaterThan(0);
    for (const [caseName, perPlatform] of answers) {
      expect([caseName, perPlatform.size]).toEqual([caseName, PLATFORMS.length]);
      const [first, ...rest] = [...perPlatform.values()];
      for (const other of rest) expect([caseName, other]).toEqual([caseName, first]);
    }
  });
});

function badInputCaseNames(): string[] {
  // Names only: the cases themselves are built once the key listener's address is known.
  return badInputCases('http://127.0.0.1:9').map((c) => c.name);
}

