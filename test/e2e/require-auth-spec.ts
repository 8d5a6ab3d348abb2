/**
 * The RequireAuth e2e spec, over base URLs: each target serves the test API (test/support/apps/test-api.ts)
 * with `testAuthOptions()`, and must give the same answers, byte for byte, and report the same
 * `auth.failed` reasons. require-auth.e2e.test.ts runs it in process (Nest 11 on the Express and Fastify
 * platforms, Express 5, Express 4); test/compat runs it against the packed tarball in child processes
 * (NestJS 12 ESM and NestJS 11 CommonJS, each on both platforms).
 */
import { createServer, type Server } from 'node:http';
import { genericBody, minutes } from '../../src';
import { baseUrlOf, bearer, get, type HeaderLines, type RawResponse } from '../support/http';
import { FORGOTTEN_BODY, HEALTH_BODY } from '../support/apps/test-api';
import { claims, mfaClaims, signRs256, TEST_API_KEY } from '../support/tokens';
import { badInputCases, type BadInputCase } from './bad-input-cases';
import { authFailureReasonsSince, explained, type RequireAuthTarget, type RunningTestApi } from './require-auth-target';

const UNAUTHORIZED_BODY = JSON.stringify(genericBody(401));
const BAD_REQUEST_BODY = JSON.stringify(genericBody(400));
/** A child process on a loaded machine may take a while to boot Nest. */
const START_TIMEOUT_MS = 90_000;

interface Answer {
  readonly status: number;
  readonly text?: string;
  readonly challenge?: unknown;
}

const json = (res: RawResponse): unknown => JSON.parse(res.text);

/** The header block `send()` writes, in bytes: what the server's header limit is measured against. */
function headerBytes(baseUrl: string, headers: HeaderLines): number {
  const lines: HeaderLines = [['Host', new URL(baseUrl).host], ['Connection', 'close'], ...headers];
  return lines.reduce((total, [name, value]) => total + Buffer.byteLength(`${name}: ${value}\r\n`), 0);
}

function badInputCaseNames(): string[] {
  // Names only: the cases themselves are built once the key listener's address is known.
  return badInputCases('http://127.0.0.1:9').map((c) => c.name);
}

export function describeRequireAuthSpec(targets: readonly RequireAuthTarget[]): void {
  /** Receives any key fetch a `jku` / `x5u` header might trigger: it must receive nothing. */
  let keyListener: Server | undefined;
  let keyListenerHits = 0;
  let cases: readonly BadInputCase[] = [];
  /** Per case, what each target answered: compared across targets at the end. */
  const answers = new Map<string, Map<string, Answer>>();

  /** `statusOnly` for answers the HTTP server gives before apiward runs (their bodies are the server's). */
  function record(caseName: string, target: string, res: RawResponse, statusOnly = false): void {
    const perTarget = answers.get(caseName) ?? new Map<string, Answer>();
    perTarget.set(target, statusOnly ? { status: res.status } : { status: res.status, text: res.text, challenge: res.headers['www-authenticate'] });
    answers.set(caseName, perTarget);
  }

  beforeAll(async () => {
    const listener = createServer((_req, res) => {
      keyListenerHits += 1;
      res.end('{"keys":[]}');
    });
    keyListener = listener;
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    cases = badInputCases(baseUrlOf(listener));
  });

  afterAll(async () => {
    const listener = keyListener;
    if (listener === undefined) return;
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  describe.each(targets.map((t) => [t.name, t] as const))('RequireAuth on %s', (name, target) => {
    let api: RunningTestApi | undefined;

    beforeAll(async () => {
      api = await target.start();
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await api?.close();
    });

    /** A test whose body gets the running app; a failure message carries the app's output. */
    const check = (title: string, body: (app: RunningTestApi) => Promise<void>): void => {
      it(title, async () => {
        const app = api;
        if (app === undefined) throw new Error(`${name} did not start (see the beforeAll failure)`);
        await explained(app, () => body(app));
      });
    };

    /** A denial: the answer is recorded for comparison and its `auth.failed` reason must be `reason`. */
    async function refused(app: RunningTestApi, caseName: string, path: string, headers: HeaderLines, reason: string): Promise<RawResponse> {
      const before = app.events().length;
      const res = await get(app.baseUrl, path, headers);
      record(caseName, name, res);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
      expect(res.text).toBe(UNAUTHORIZED_BODY);
      expect(await authFailureReasonsSince(app, before)).toEqual([reason]);
      return res;
    }

    check('serves a public route without a credential', async (app) => {
      const res = await get(app.baseUrl, '/health');
      expect(res.status).toBe(200);
      expect(json(res)).toEqual(HEALTH_BODY);
    });

    check('refuses a request without a credential: 401, an RFC 6750 challenge, the generic body', async (app) => {
      const res = await refused(app, 'no credential', '/me', [], 'missing_credential');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    check('keeps a route nobody declared closed (deny by default)', async (app) => {
      const res = await refused(app, 'undeclared route', '/forgotten', [], 'missing_credential');
      expect(res.text).not.toContain(FORGOTTEN_BODY.leaked);
    });

    check('accepts a valid RS256 token and hands the principal to the handler', async (app) => {
      const res = await get(app.baseUrl, '/me', bearer(signRs256()));
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ subject: 'user-1', kind: 'user', credential: 'jwt', scopes: ['orders:read'] });
    });

    check('accepts the API key on /reports and refuses a JWT there', async (app) => {
      const withKey = await get(app.baseUrl, '/reports', [['X-Api-Key', TEST_API_KEY]]);
      expect(withKey.status).toBe(200);
      expect(json(withKey)).toEqual({ subject: 'svc-reporting', kind: 'service', credential: 'apiKey', scopes: ['reports:read'] });
      await refused(app, 'jwt on an api-key route', '/reports', bearer(signRs256()), 'credential_kind_not_accepted');
    });

    describe('step-up on /admin (RFC 9470)', () => {
      const stale = (): Record<string, unknown> => mfaClaims(minutes(30));
      const passwordOnly = (): Record<string, unknown> => ({ amr: ['pwd'], auth_time: Math.floor(Date.now() / 1000) });
      for (const [label, extra, reason] of [
        ['no second factor', () => ({}), 'second_factor_missing'],
        ['a stale second factor', stale, 'auth_time_stale'],
        ['a password only, recently', passwordOnly, 'second_factor_missing'],
      ] as const) {
        check(`challenges a token with ${label}`, async (app) => {
          const res = await refused(app, `step-up: ${label}`, '/admin', bearer(signRs256(claims(extra()))), reason);
          expect(res.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
        });
      }

      check('lets a fresh second factor through', async (app) => {
        const res = await get(app.baseUrl, '/admin', bearer(signRs256(claims(mfaClaims(minutes(1))))));
        expect(res.status).toBe(200);
        expect(json(res)).toMatchObject({ subject: 'user-1', credential: 'jwt' });
      });
    });

    describe('bad input, through real HTTP: never 5xx, never open', () => {
      // Built in beforeAll (it needs the key listener's address); jest needs the names now.
      for (const caseName of badInputCaseNames()) {
        check(caseName, async (app) => {
          const testCase = cases.find((c) => c.name === caseName)!;
          const before = app.events().length;
          const res = await get(app.baseUrl, testCase.path ?? '/me', testCase.headers);
          expect(res.status).toBeLessThan(500);
          expect(res.text).not.toContain(FORGOTTEN_BODY.leaked);
          if (headerBytes(app.baseUrl, testCase.headers) > target.maxHeaderBytes) {
            // Node's HTTP parser refuses it: apiward never sees the request, so there is no event.
            record(caseName, name, res, true);
            expect(res.status).toBe(431);
            expect(app.events().length).toBe(before);
            return;
          }
          record(caseName, name, res);
          expect(testCase.expect).toContain(res.status);
          if (res.status === 401) {
            expect(res.text).toBe(UNAUTHORIZED_BODY);
            expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
          }
          if (res.status === 400) expect(res.text).toBe(BAD_REQUEST_BODY);
          // The reason goes to the event, and no event carries token material.
          expect(await authFailureReasonsSince(app, before)).toEqual([testCase.reason]);
          const emitted = JSON.stringify(app.events().slice(before));
          for (const secret of testCase.secrets) expect(emitted).not.toContain(secret);
        });
      }
    });
  });

  describe('RequireAuth across platforms', () => {
    it('no jku / x5u header made anything fetch a key', () => {
      expect(keyListenerHits).toBe(0);
    });

    it('every platform answered each denial with the same status, body bytes and challenge', () => {
      expect(answers.size).toBeGreaterThan(0);
      for (const [caseName, perTarget] of answers) {
        expect([caseName, [...perTarget.keys()]]).toEqual([caseName, targets.map((t) => t.name)]);
        const [first, ...rest] = [...perTarget.values()];
        for (const other of rest) expect([caseName, other]).toEqual([caseName, first]);
      }
    });
  });
}
