/** The verified-token cache: through the core guard (injected clock), then the bounded store on its own. */
import type { AuthOptions } from '../../../src/core/auth/auth-options';
import type { JwtOptions } from '../../../src/core/auth/jwt-options';
import type { Principal } from '../../../src/core/auth/principal';
import { ApiwardError } from '../../../src/core/errors/apiward-error';
import { VerifiedTokenCache } from '../../../src/core/auth/verified-token-cache';
import { resolveVerifiedTokenCacheOptions } from '../../../src/core/auth/verified-token-cache-options';
import { AUDIENCE, claims, HMAC_SECRET, ISSUER, mfaClaims, signHs256, signRs256, testAuthOptions, type Claims } from '../../support/tokens';
import { bearer, expectDenied, harness, type Harness } from './guard-harness';

const T0 = 1_900_000_000_000;
const S0 = T0 / 1000;
const TOLERANCE_MS = 5_000;

/** HS256 options (cheap to sign) with an extra `jwt` setting. */
function hsOptions(jwt: Record<string, unknown> = {}, rest: Partial<AuthOptions> = {}): AuthOptions {
  return testAuthOptions({ jwt: { algorithms: ['HS256'], secret: HMAC_SECRET, issuer: ISSUER, audience: AUDIENCE, ...jwt } as JwtOptions, ...rest });
}

/** A harness on a clock the test moves. */
function clocked(auth: AuthOptions = hsOptions()): { h: Harness; at: (ms: number) => void } {
  let now = T0;
  return { h: harness(auth, { now: () => now }), at: (ms) => void (now = ms) };
}

const token = (overrides: Claims = {}): string => signHs256(claims({ iat: S0, exp: S0 + 600, ...overrides }));

describe('verified-token cache (core guard)', () => {
  it('serves the same frozen principal for the same token string', async () => {
    const { h } = clocked();
    const t = token({ amr: ['pwd', 'otp'], roles: [{ name: 'reader' }] });
    const first = await h.guard(bearer(t));
    const second = await h.guard(bearer(t));
    expect(second).toBe(first);
    // Shared by every request that re-sends the token, so nothing in it can be changed in place.
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.claims)).toBe(true);
    expect(Object.isFrozen(first!.claims.roles)).toBe(true);
    expect(Object.isFrozen((first!.claims.roles as object[])[0])).toBe(true);
    expect(() => (first!.claims.roles as unknown[]).push({ name: 'admin' })).toThrow(TypeError);
    expect((await h.guard(bearer(t)))!.claims.roles).toEqual([{ name: 'reader' }]);
  });

  it('never serves a token that differs by one character, wherever the difference is', async () => {
    const { h } = clocked();
    const t = token();
    const cached = await h.guard(bearer(t));
    const variants = [`${t}A`, t.slice(0, -1)];
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== '.') variants.push(t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1));
    }
    for (const variant of variants) {
      await expect(h.guard(bearer(variant))).rejects.toBeInstanceOf(ApiwardError);
    }
    expect(h.events).toHaveLength(variants.length);
    // A changed signature character leaves a well-formed token: the failure is the signature itself.
    const [header, payload, signature] = t.split('.') as [string, string, string];
    await expectDenied(h, bearer(`${header}.${payload}.${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`), { reason: 'invalid_signature' });
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
  });

  it('refuses a cached token once it expired, and re-verifies it inside the tolerance margin', async () => {
    const { h, at } = clocked();
    const t = token({ exp: S0 + 60 });
    const cached = await h.guard(bearer(t));
    at(T0 + 59_999);
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
    // At exp the cache stops; full verification still accepts within the clock tolerance.
    at(T0 + 60_000);
    const reverified = await h.guard(bearer(t));
    expect(reverified).not.toBe(cached);
    expect(reverified).toEqual(cached);
    at(T0 + 60_000 + TOLERANCE_MS);
    await expectDenied(h, bearer(t), { reason: 'expired' });
    at(T0 + 3_600_000);
    await expectDenied(h, bearer(t), { reason: 'expired' });
  });

  it('refuses a cached token when the clock is set back before nbf', async () => {
    const { h, at } = clocked();
    const t = token({ nbf: S0 });
    const cached = await h.guard(bearer(t));
    at(T0 - TOLERANCE_MS - 2_000);
    await expectDenied(h, bearer(t), { reason: 'not_yet_valid' });
    at(T0);
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
  });

  it('honours maxTokenAgeMs for a cached token', async () => {
    const { h, at } = clocked(hsOptions({ maxTokenAgeMs: 60_000 }));
    const t = token({ exp: S0 + 3_600 });
    const cached = await h.guard(bearer(t));
    at(T0 + 59_000);
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
    at(T0 + 60_000 + TOLERANCE_MS);
    await expectDenied(h, bearer(t), { reason: 'token_too_old' });
  });

  it('re-verifies after maxAgeMs, however far away exp is', async () => {
    const { h, at } = clocked(hsOptions({ verifiedCache: { maxAgeMs: 10_000 } }));
    const t = token({ exp: S0 + 86_400 });
    const cached = await h.guard(bearer(t));
    at(T0 + 9_999);
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
    at(T0 + 10_000);
    await expect(h.guard(bearer(t))).resolves.not.toBe(cached);
  });

  it('still refuses a cached token whose jti is revoked afterwards (revocation runs on every request)', async () => {
    const revoked = new Set<string>();
    const seen: Principal[] = [];
    const { h } = clocked(hsOptions({}, { isRevoked: (p) => (seen.push(p), revoked.has(p.tokenId ?? '')) }));
    const t = token({ jti: 'session-7' });
    const cached = await h.guard(bearer(t));
    await expect(h.guard(bearer(t))).resolves.toBe(cached);
    revoked.add('session-7');
    await expectDenied(h, bearer(t), { reason: 'revoked' });
    await expectDenied(h, bearer(t), { reason: 'revoked' });
    expect(seen).toHaveLength(4);
  });

  it('still checks step-up against the clock on every request', async () => {
    const { h, at } = clocked();
    const declaration = { requireAuth: { mfa: true, maxAuthAgeMs: 60_000 } };
    const t = token(mfaClaims(0, T0));
    const cached = await h.guard(bearer(t), declaration);
    at(T0 + 30_000);
    await expect(h.guard(bearer(t), declaration)).resolves.toBe(cached);
    at(T0 + 61_000);
    const challenge = 'Bearer realm="api", error="insufficient_user_authentication", error_description="Multi-factor authentication is required", max_age=60';
    await expectDenied(h, bearer(t), { reason: 'auth_time_stale', code: 'insufficient_user_authentication', challenge }, declaration);
  });

  it('keeps at most maxEntries tokens, dropping the oldest first', async () => {
    const { h } = clocked(hsOptions({ verifiedCache: { maxEntries: 2 } }));
    const [a, b, c] = ['a', 'b', 'c'].map((jti) => token({ jti }));
    const pa = await h.guard(bearer(a!));
    const pb = await h.guard(bearer(b!));
    await h.guard(bearer(c!));
    await expect(h.guard(bearer(b!))).resolves.toBe(pb);
    await expect(h.guard(bearer(a!))).resolves.not.toBe(pa);
  });

  it.each([
    ['false', false],
    ['maxEntries: 0', { maxEntries: 0 }],
  ])('works disabled (%s): every request is verified in full', async (_name, verifiedCache) => {
    const { h, at } = clocked(hsOptions({ verifiedCache }));
    const t = token({ exp: S0 + 60 });
    const first = await h.guard(bearer(t));
    const second = await h.guard(bearer(t));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    at(T0 + 70_000);
    await expectDenied(h, bearer(t), { reason: 'expired' });
  });

  it('caches RS256 (static public key) the same way', async () => {
    const { h } = clocked(testAuthOptions());
    const t = signRs256(claims({ iat: S0, exp: S0 + 600 }));
    const first = await h.guard(bearer(t));
    await expect(h.guard(bearer(t))).resolves.toBe(first);
  });
});

describe('VerifiedTokenCache', () => {
  const principal = (subject: string): Principal =>
    Object.freeze({ subject, kind: 'user', scopes: [], claims: {}, authTime: undefined, amr: [], credential: 'jwt', tokenId: undefined });
  const forever = { fromMs: -Infinity, untilMs: Infinity };
  const cache = (maxEntries: number, maxAgeMs = 60_000): VerifiedTokenCache => new VerifiedTokenCache({ maxEntries, maxAgeMs });

  it('never holds more than maxEntries, however many distinct tokens pass', () => {
    const c = cache(100);
    for (let i = 0; i < 1_000; i++) {
      c.remember(`token-${i}`, principal(`s${i}`), forever, 0);
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.size).toBe(100);
    expect(c.get('token-899', 0)).toBeUndefined();
    expect(c.get('token-900', 0)?.subject).toBe('s900');
    expect(c.get('token-999', 0)?.subject).toBe('s999');
  });

  it('stays bounded when the same tokens are stored again and expire in between', () => {
    const c = cache(3, 1_000);
    for (let i = 0; i < 100; i++) {
      const now = i * 400;
      c.remember(`token-${i % 5}`, principal(`s${i % 5}`), forever, now);
      c.get(`token-${(i + 2) % 5}`, now);
      expect(c.size).toBeLessThanOrEqual(3);
    }
    expect(c.get('token-4', 99 * 400)?.subject).toBe('s4');
  });

  it('serves an entry only inside its window and before maxAgeMs', () => {
    const c = cache(10, 1_000);
    c.remember('t', principal('s'), { fromMs: 100, untilMs: 500 }, 200);
    expect(c.get('t', 99)).toBeUndefined();
    expect(c.get('t', 100)?.subject).toBe('s');
    expect(c.get('t', 499)?.subject).toBe('s');
    expect(c.get('t', 500)).toBeUndefined();
    expect(c.size).toBe(0);
    c.remember('u', principal('s'), forever, 0);
    expect(c.get('u', 999)?.subject).toBe('s');
    expect(c.get('u', 1_000)).toBeUndefined();
  });

  it('does not store a token whose window already closed', () => {
    const c = cache(10);
    c.remember('t', principal('s'), { fromMs: 0, untilMs: 100 }, 100);
    expect(c.size).toBe(0);
  });
});

describe('resolveVerifiedTokenCacheOptions', () => {
  it('fills the documented defaults, and reads false as disabled', () => {
    expect(resolveVerifiedTokenCacheOptions(undefined, 'jwt.verifiedCache')).toEqual({ maxEntries: 10_000, maxAgeMs: 300_000 });
    expect(resolveVerifiedTokenCacheOptions({}, 'jwt.verifiedCache')).toEqual({ maxEntries: 10_000, maxAgeMs: 300_000 });
    expect(resolveVerifiedTokenCacheOptions(false, 'jwt.verifiedCache').maxEntries).toBe(0);
    expect(resolveVerifiedTokenCacheOptions({ maxEntries: 0, maxAgeMs: 1_000 }, 'p')).toEqual({ maxEntries: 0, maxAgeMs: 1_000 });
  });

  it.each([
    [true, 'jwt.verifiedCache'],
    ['yes', 'jwt.verifiedCache'],
    [{ maxEntrys: 5 }, 'jwt.verifiedCache.maxEntrys'],
    [{ maxEntries: -1 }, 'jwt.verifiedCache.maxEntries'],
    [{ maxEntries: 1.5 }, 'jwt.verifiedCache.maxEntries'],
    [{ maxEntries: 2_000_000 }, 'jwt.verifiedCache.maxEntries'],
    [{ maxAgeMs: 999 }, 'jwt.verifiedCache.maxAgeMs'],
    [{ maxAgeMs: 3_600_001 }, 'jwt.verifiedCache.maxAgeMs'],
  ])('refuses %j naming %s', (value, path) => {
    expect(() => resolveVerifiedTokenCacheOptions(value, 'jwt.verifiedCache')).toThrow(new RegExp(`option "${path.replace(/\./g, '\\.')}"`));
  });

  it('is validated as part of auth.jwt', () => {
    expect(() => harness(hsOptions({ verifiedCache: { maxEntries: 'many' } }))).toThrow(/option "auth\.jwt\.verifiedCache\.maxEntries"/);
  });
});
