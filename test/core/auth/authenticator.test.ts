/** The RequireAuth pipeline as the engine runs it: public routes, fail-closed on surprises, events. */
import { Apiward } from '../../../src/core/apiward';
import type { SecurityEvent } from '../../../src/core/events/security-event';
import type { RequestLike } from '../../../src/core/request-like';
import { claims, signRs256, TEST_API_KEY, testAuthOptions } from '../../support/tokens';
import { apiKey, bearer, expectDenied, harness, request, ROUTE } from './guard-harness';

describe('RequireAuth in the engine', () => {
  const h = harness();

  it('denies by default: a route with no declaration needs a principal', async () => {
    await expectDenied(h, request(), { reason: 'missing_credential', challenge: 'Bearer realm="api"' }, {});
  });

  it('does not authenticate a public route at all, even with a broken credential', async () => {
    const open = { public: { reason: 'health check' } };
    const h = harness();
    await expect(h.guard(request(), open)).resolves.toBeUndefined();
    await expect(h.guard(bearer('garbage.token.here'), open)).resolves.toBeUndefined();
    await expect(h.guard(bearer(signRs256()), open)).resolves.toBeUndefined();
    expect(h.events).toEqual([]);
  });

  it('authenticates a route declared both public and requireAuth (read the closed way)', async () => {
    await expectDenied(h, request(), { reason: 'missing_credential', challenge: 'Bearer realm="api"' }, { public: { reason: 'x' }, requireAuth: {} });
  });

  it('fails closed with the generic 401 when something unexpected throws', async () => {
    const exploding: RequestLike = {
      method: 'GET',
      url: '/',
      get headers(): RequestLike['headers'] {
        throw new Error('adapter bug');
      },
    };
    await expectDenied(h, exploding, { reason: 'internal_error' });
  });

  it('emits auth.failed with route, reason and credential kind, and nothing from the token', async () => {
    const token = signRs256(claims({ exp: Math.floor(Date.now() / 1000) - 60, email: 'alice@example.test' }));
    const event = await expectDenied(h, bearer(token), { reason: 'expired' });
    expect(event).toEqual({ type: 'auth.failed', at: expect.any(String), route: ROUTE, reason: 'expired', credential: 'jwt' });
    expect(JSON.stringify(event)).not.toContain('alice');
  });

  it('never carries an API key secret in events', async () => {
    const wrong = `${TEST_API_KEY.slice(0, -2)}zz`;
    const event = await expectDenied(h, apiKey(wrong), { reason: 'api_key_mismatch' });
    expect(JSON.stringify(event)).not.toContain(TEST_API_KEY.slice(-43, -2));
  });

  it('logs one JSON line per failure when no listener is given, and a throwing listener changes nothing', async () => {
    const lines: string[] = [];
    const logged = Apiward.create({ auth: testAuthOptions(), leastPrivilege: { strict: false } }, { log: (line) => void lines.push(line) });
    await expect(logged.guard(bearer('a.b.c'), ROUTE, {})).rejects.toMatchObject({ status: 401 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'auth.failed', reason: 'malformed_token' });

    const throwing = Apiward.create({
      auth: testAuthOptions(),
      leastPrivilege: { strict: false },
      onSecurityEvent: (_e: SecurityEvent) => {
        throw new Error('listener bug');
      },
    });
    await expect(throwing.guard(request(), ROUTE, {})).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
  });

  it('resolves the principal for a good credential and emits nothing', async () => {
    const ok = harness();
    await expect(ok.guard(bearer(signRs256()))).resolves.toMatchObject({ subject: 'user-1' });
    await expect(ok.guard(apiKey(TEST_API_KEY))).resolves.toMatchObject({ subject: 'svc-reporting' });
    expect(ok.events).toEqual([]);
  });
});
