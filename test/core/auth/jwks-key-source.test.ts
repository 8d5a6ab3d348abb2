/** JWKS through a real local HTTP server: caching, rate-limited refetch on unknown kids, rotation, outages. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JwtOptions } from '../../../src/core/auth/jwt-options';
import { AUDIENCE, claims, foreignRsaKeys, ISSUER, rsaKeys, signRaw, signRs256, testAuthOptions } from '../../support/tokens';
import { bearer, expectDenied, harness, type Harness } from './guard-harness';

interface JwksServer {
  readonly url: string;
  keys: unknown[];
  hits: string[];
  mode: 'ok' | 'error' | 'hang' | 'garbage';
  close(): Promise<void>;
}

async function startJwksServer(): Promise<JwksServer> {
  const state = { keys: [] as unknown[], hits: [] as string[], mode: 'ok' as JwksServer['mode'] };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.hits.push(req.url ?? '');
    if (state.mode === 'hang') return;
    if (state.mode === 'error') {
      res.statusCode = 500;
      res.end('{"message":"boom"}');
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(state.mode === 'garbage' ? '<html>' : JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  return Object.assign(state, {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const jwk = (kid: string, keys = rsaKeys, alg = 'RS256'): unknown => ({ ...keys.publicJwk, kid, alg, use: 'sig' });
const withKid = (kid: string, key = rsaKeys.privateKey): string => signRs256(claims(), { kid }, key);

describe('JWKS key source (core guard, local JWKS server)', () => {
  let jwks: JwksServer;
  const wardFor = (extra: Partial<JwtOptions> = {}): Harness =>
    harness(testAuthOptions({ jwt: { algorithms: ['RS256'], jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, jwks: { maxFetchesPerMinute: 3, timeoutMs: 300 }, ...extra } }));

  beforeEach(async () => {
    jwks = await startJwksServer();
    jwks.keys = [jwk('k1')];
  });
  afterEach(async () => {
    await jwks.close();
  });

  it('verifies with the published key and caches it (one fetch for many requests)', async () => {
    const h = wardFor();
    for (let i = 0; i < 5; i++) await expect(h.guard(bearer(withKid('k1')))).resolves.toMatchObject({ subject: 'user-1' });
    expect(jwks.hits).toEqual(['/.well-known/jwks.json']);
  });

  it('still checks the signature against the kid it names', async () => {
    await expectDenied(wardFor(), bearer(withKid('k1', foreignRsaKeys.privateKey)), { reason: 'invalid_signature' });
  });

  it('does not let a flood of 50 random kids fetch more than maxFetchesPerMinute times, and refuses at once', async () => {
    const h = wardFor();
    const reasons = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const event = await expectDenied(h, bearer(withKid(randomBytes(8).toString('hex'))), { reason: i < 3 ? 'unknown_kid' : 'key_fetch_rate_limited' });
      reasons.add(event.reason);
    }
    expect(jwks.hits.length).toBeLessThanOrEqual(3);
    expect(reasons).toEqual(new Set(['unknown_kid', 'key_fetch_rate_limited']));
  });

  it('keeps the same bound when the 50 kids arrive at once, without parking requests in timers', async () => {
    const h = wardFor();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.guard(bearer(withKid(randomBytes(8).toString('hex'))))));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as { status: number }).status === 401)).toBe(true);
    expect(jwks.hits.length).toBeLessThanOrEqual(3);
    expect(h.events.filter((e) => e.type === 'auth.failed' && e.reason === 'key_fetch_rate_limited')).toHaveLength(47);
  });

  it('fetches a newly rotated kid once for a burst of requests carrying it', async () => {
    const h = wardFor();
    jwks.keys = [jwk('k1'), jwk('k2', foreignRsaKeys)];
    const results = await Promise.all(Array.from({ length: 20 }, () => h.guard(bearer(withKid('k2', foreignRsaKeys.privateKey)))));
    expect(results).toHaveLength(20);
    expect(jwks.hits).toHaveLength(1);
  });

  it('grants new fetches once the minute has passed (injected clock)', async () => {
    let now = Date.now();
    const h = harness(
      testAuthOptions({ jwt: { algorithms: ['RS256'], jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, jwks: { maxFetchesPerMinute: 1 } } }),
      { now: () => now },
    );
    await expectDenied(h, bearer(withKid('nope-1')), { reason: 'unknown_kid' });
    await expectDenied(h, bearer(withKid('nope-2')), { reason: 'key_fetch_rate_limited' });
    now += 60_001;
    await expectDenied(h, bearer(withKid('nope-3')), { reason: 'unknown_kid' });
    expect(jwks.hits).toHaveLength(2);
  });

  it('finds a key rotated in later', async () => {
    const h = wardFor();
    await expect(h.guard(bearer(withKid('k1')))).resolves.toBeDefined();
    await expectDenied(h, bearer(withKid('k2', foreignRsaKeys.privateKey)), { reason: 'unknown_kid' });
    jwks.keys = [jwk('k1'), jwk('k2', foreignRsaKeys)];
    await expect(h.guard(bearer(withKid('k2', foreignRsaKeys.privateKey)))).resolves.toMatchObject({ subject: 'user-1' });
    await expect(h.guard(bearer(withKid('k1')))).resolves.toBeDefined();
  });

  it('treats a path traversal kid as an unknown kid: only the configured URL is ever requested', async () => {
    const h = wardFor();
    await expectDenied(h, bearer(withKid('../../../../etc/passwd')), { reason: 'unknown_kid' });
    await expectDenied(h, bearer(withKid('..%2f..%2fadmin?x=1#')), { reason: 'unknown_kid' });
    expect(new Set(jwks.hits)).toEqual(new Set(['/.well-known/jwks.json']));
  });

  it('never fetches a jku or x5u, nor trusts an embedded jwk, even with a JWKS configured', async () => {
    // The attacker's own key server: serves the attacker's public key under the kid the token names.
    const attacker = await startJwksServer();
    attacker.keys = [jwk('attacker', foreignRsaKeys)];
    try {
      const h = wardFor();
      const forged = (header: Record<string, unknown>): string => signRs256(claims(), header, foreignRsaKeys.privateKey);
      await expectDenied(h, bearer(forged({ kid: 'attacker', jku: attacker.url })), { reason: 'unknown_kid' });
      await expectDenied(h, bearer(forged({ kid: 'k1', x5u: attacker.url })), { reason: 'invalid_signature' });
      await expectDenied(h, bearer(forged({ kid: 'k1', jwk: { ...foreignRsaKeys.publicJwk, kid: 'k1' } })), { reason: 'invalid_signature' });
      expect(attacker.hits).toEqual([]);
      expect(new Set(jwks.hits)).toEqual(new Set(['/.well-known/jwks.json']));
    } finally {
      await attacker.close();
    }
  });

  it('refuses a token whose alg differs from the alg the JWK declares', async () => {
    jwks.keys = [jwk('k1', rsaKeys, 'RS384')];
    const h = wardFor({ algorithms: ['RS256', 'RS384'] });
    await expectDenied(h, bearer(withKid('k1')), { reason: 'key_alg_mismatch' });
    const rs384 = signRaw(JSON.stringify({ alg: 'RS384', kid: 'k1' }), JSON.stringify(claims()), 'RS384', rsaKeys.privateKey);
    await expect(h.guard(bearer(rs384))).resolves.toBeDefined();
  });

  it('uses the only key for a token without kid, and refuses one when several keys are published', async () => {
    await expect(wardFor().guard(bearer(signRs256()))).resolves.toBeDefined();
    jwks.keys = [jwk('k1'), jwk('k2', foreignRsaKeys)];
    await expectDenied(wardFor(), bearer(signRs256()), { reason: 'unknown_kid' });
  });

  it.each([
    ['answers 500', 'error'],
    ['answers something that is not JSON', 'garbage'],
    ['never answers (timeout)', 'hang'],
  ] as const)('answers 401 key_source_unavailable, never 5xx, when the JWKS endpoint %s', async (_name, mode) => {
    jwks.mode = mode;
    await expectDenied(wardFor(), bearer(withKid('k1')), { reason: 'key_source_unavailable' });
  });

  it('answers 401 key_source_unavailable when nothing listens at the JWKS URI', async () => {
    const h = wardFor();
    await jwks.close();
    await expectDenied(h, bearer(withKid('k1')), { reason: 'key_source_unavailable' });
    jwks = await startJwksServer();
  });

  it('recovers once the endpoint is back', async () => {
    jwks.mode = 'error';
    const h = wardFor();
    await expectDenied(h, bearer(withKid('k1')), { reason: 'key_source_unavailable' });
    jwks.mode = 'ok';
    await expect(h.guard(bearer(withKid('k1')))).resolves.toBeDefined();
  });
});
