/** Claim rules: time, issuer, audience, subject, prototype-named claims, scopes and principal kind. */
import { strictTimeWindow } from '../../../src/core/auth/jwt-claims';
import type { JwtOptions } from '../../../src/core/auth/jwt-options';
import { AUDIENCE, claims, HMAC_SECRET, ISSUER, rsaKeys, signHs256, signRaw, signRs256, testAuthOptions, type Claims } from '../../support/tokens';
import { bearer, expectDenied, harness } from './guard-harness';

const now = (): number => Math.floor(Date.now() / 1000);
const without = (key: string): Record<string, unknown> => {
  const c = claims();
  delete c[key];
  return c;
};

describe('JWT claims (core guard)', () => {
  const h = harness();

  describe('time', () => {
    it.each([
      ['expired', { exp: now() - 60 }, 'expired'],
      ['a future nbf', { nbf: now() + 60 }, 'not_yet_valid'],
      ['a future iat', { iat: now() + 60 }, 'issued_in_future'],
      ['a string exp', { exp: String(now() + 600) }, 'invalid_claim_type'],
      ['a string nbf', { nbf: String(now()) }, 'invalid_claim_type'],
      ['a string iat', { iat: String(now()) }, 'invalid_claim_type'],
      ['a null exp', { exp: null }, 'invalid_claim_type'],
    ] as const)('refuses %s', async (_name, overrides, reason) => {
      await expectDenied(h, bearer(signRs256(claims(overrides))), { reason });
    });

    it('refuses a token without exp', async () => {
      await expectDenied(h, bearer(signRs256(without('exp'))), { reason: 'missing_exp' });
    });

    it('refuses an exp that overflows to Infinity (1e400 never expires otherwise)', async () => {
      const c = claims();
      const json = `{"iss":"${ISSUER}","aud":"${AUDIENCE}","sub":"user-1","iat":${c.iat as number},"exp":1e400}`;
      await expectDenied(h, bearer(signRaw('{"alg":"RS256"}', json, 'RS256', rsaKeys.privateKey)), { reason: 'invalid_claim_type' });
    });

    describe('with an injected clock and the default 5 s tolerance', () => {
      const t0 = 1_900_000_000_000;
      const at = (offsetMs: number): ReturnType<typeof harness> => harness(testAuthOptions(), { now: () => t0 + offsetMs });
      const token = signRs256(claims({ iat: t0 / 1000, nbf: t0 / 1000, exp: t0 / 1000 + 60 }));

      it('accepts within the tolerance on either side', async () => {
        await expect(at(-4_000).guard(bearer(token))).resolves.toBeDefined();
        await expect(at(64_000).guard(bearer(token))).resolves.toBeDefined();
      });

      it('refuses beyond it', async () => {
        await expectDenied(at(66_000), bearer(token), { reason: 'expired' });
        await expectDenied(at(-7_000), bearer(token), { reason: 'not_yet_valid' });
        await expectDenied(at(-7_000), bearer(signRs256(claims({ iat: t0 / 1000, exp: t0 / 1000 + 60 }))), { reason: 'issued_in_future' });
      });
    });

    it('applies maxTokenAgeMs to iat, and then requires iat', async () => {
      const strict = harness(testAuthOptions({ jwt: { ...testAuthOptions().jwt!, maxTokenAgeMs: 60_000 } }));
      await expect(strict.guard(bearer(signRs256()))).resolves.toBeDefined();
      await expectDenied(strict, bearer(signRs256(claims({ iat: now() - 3_600 }))), { reason: 'token_too_old' });
      await expectDenied(strict, bearer(signRs256(without('iat'))), { reason: 'invalid_claim_type' });
    });
  });

  describe('issuer', () => {
    it.each([
      ['wrong', { iss: 'https://evil.test' }],
      ['with a trailing slash', { iss: `${ISSUER}/` }],
      ['upper-case', { iss: ISSUER.toUpperCase() }],
      ['an array', { iss: [ISSUER] }],
    ])('refuses an iss that is %s', async (_name, overrides) => {
      await expectDenied(h, bearer(signRs256(claims(overrides))), { reason: 'issuer_mismatch' });
    });

    it('refuses a missing iss', async () => {
      await expectDenied(h, bearer(signRs256(without('iss'))), { reason: 'issuer_mismatch' });
    });
  });

  describe('audience', () => {
    it.each([
      ['foreign', { aud: 'another-api' }],
      ['prefix-extended', { aud: `evil-${AUDIENCE}` }],
      ['suffix-extended', { aud: `${AUDIENCE}-evil` }],
      ['truncated', { aud: AUDIENCE.slice(0, -1) }],
      ['an empty array', { aud: [] }],
      ['an object', { aud: { [AUDIENCE]: true } }],
      ['an array of foreign audiences', { aud: ['a', 'b'] }],
    ])('refuses an aud that is %s', async (_name, overrides) => {
      await expectDenied(h, bearer(signRs256(claims(overrides))), { reason: 'audience_mismatch' });
    });

    it('refuses a missing aud', async () => {
      await expectDenied(h, bearer(signRs256(without('aud'))), { reason: 'audience_mismatch' });
    });

    it('accepts an array naming the audience among others', async () => {
      await expect(h.guard(bearer(signRs256(claims({ aud: ['other', AUDIENCE] }))))).resolves.toBeDefined();
    });
  });

  describe('subject', () => {
    it.each([
      ['missing', without('sub')],
      ['a number', claims({ sub: 42 })],
      ['empty', claims({ sub: '' })],
      ['an object', claims({ sub: { id: 'user-1' } })],
    ])('refuses a sub that is %s', async (_name, payload) => {
      await expectDenied(h, bearer(signRs256(payload)), { reason: 'invalid_subject' });
    });

    it.each([
      ['jti', { jti: 7 }],
      ['auth_time', { auth_time: 'yesterday' }],
      ['amr', { amr: 'otp' }],
    ])('refuses a mistyped %s', async (_name, overrides) => {
      await expectDenied(h, bearer(signRs256(claims(overrides))), { reason: 'invalid_claim_type' });
    });
  });

  describe('prototype-named claims', () => {
    it('never grant or change anything', async () => {
      const c = claims();
      const json =
        `{"iss":"${ISSUER}","aud":"${AUDIENCE}","sub":"user-1","iat":${c.iat as number},"exp":${c.exp as number},` +
        '"__proto__":{"scope":"admin:all","kind":"service","isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"prototype":{"scope":"admin:all"}}';
      const principal = await h.guard(bearer(signRaw('{"alg":"RS256"}', json, 'RS256', rsaKeys.privateKey)));
      expect(principal).toMatchObject({ subject: 'user-1', kind: 'user', scopes: [] });
      expect(Object.getPrototypeOf(principal!.claims)).toBeNull();
      expect(Object.keys(principal!.claims)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'prototype']));
      expect((principal!.claims as { scope?: unknown }).scope).toBeUndefined();
      expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
      expect(Object.isFrozen(principal!.claims)).toBe(true);
    });
  });

  describe('scopes', () => {
    it.each([
      ['a space-delimited scope', { scope: 'orders:read orders:write' }, ['orders:read', 'orders:write']],
      ['scp as an array', { scope: undefined, scp: ['a:read', 'b:read'] }, ['a:read', 'b:read']],
      ['scp as a string', { scope: undefined, scp: 'a:read b:read' }, ['a:read', 'b:read']],
      ['permissions', { scope: undefined, permissions: ['a:read'] }, ['a:read']],
      ['the union, deduplicated', { scope: 'a:read', scp: ['a:read', 'b:read'], permissions: ['c:read'] }, ['a:read', 'b:read', 'c:read']],
      ['whitespace inside an array element', { scope: undefined, scp: ['a:read admin', 'b:read'] }, ['b:read']],
      ['a NUL', { scope: 'a:read\u0000admin b:read' }, ['b:read']],
      ['a comma in an array element', { scope: undefined, permissions: ['admin,a:read', 'b:read'] }, ['b:read']],
      ['non-strings', { scope: undefined, scp: [1, true, null, { s: 'x' }, ['admin'], 'b:read'] }, ['b:read']],
      ['double spaces and tabs', { scope: 'a:read  b:read\tc:read' }, ['a:read']],
      ['non-ASCII look-alikes', { scope: 'аdmin b:read' }, ['b:read']],
      ['permissions as a string (not a documented form)', { scope: undefined, permissions: 'admin' }, []],
      ['a scope object', { scope: { admin: true } }, []],
    ])('reads %s', async (_name, overrides, expected) => {
      const principal = await h.guard(bearer(signRs256(claims(overrides))));
      expect(principal!.scopes).toEqual(expected);
    });

    it('reads only the configured scopeClaim when set', async () => {
      const custom = harness(testAuthOptions({ jwt: { ...testAuthOptions().jwt!, scopeClaim: 'roles' } }));
      const principal = await custom.guard(bearer(signRs256(claims({ roles: ['x:read', 'bad scope'] }))));
      expect(principal!.scopes).toEqual(['x:read']);
    });
  });

  describe('principal', () => {
    it('builds a user principal with amr, auth_time and jti', async () => {
      const principal = await h.guard(bearer(signRs256(claims({ jti: 'tok-1', amr: ['pwd', 7, 'otp'], auth_time: 1_700_000_000 }))));
      expect(principal).toMatchObject({ subject: 'user-1', kind: 'user', credential: 'jwt', tokenId: 'tok-1', amr: ['pwd', 'otp'], authTime: 1_700_000_000_000 });
    });

    it.each([
      ['gty client-credentials', { gty: 'client-credentials' }],
      ['client_id equal to sub', { client_id: 'user-1' }],
    ])('marks a service principal by %s', async (_name, overrides) => {
      expect((await h.guard(bearer(signRs256(claims(overrides)))))!.kind).toBe('service');
    });

    it('keeps a user when client_id names another party', async () => {
      expect((await h.guard(bearer(signRs256(claims({ client_id: 'web-app' })))))!.kind).toBe('user');
    });
  });
});

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('strictTimeWindow (what the verified-token cache may serve)', () => {
  it('is inside what full verification accepts, for whole and fractional times, any tolerance and max age', async () => {
    const rnd = random(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
    let checked = 0;
    for (let i = 0; i < 150; i++) {
      const tolerance = pick([0, 1_500, 5_000]);
      const maxTokenAgeMs = pick([undefined, 1_000, 1_500, 60_000]);
      const fraction = (): number => (rnd() < 0.5 ? 0 : Math.round(rnd() * 1_000) / 1_000);
      const iat = 1_900_000_000 + i * 1_000 + fraction();
      const c: Claims = claims({ iat, exp: iat + 1 + Math.floor(rnd() * 120) + fraction() });
      if (rnd() < 0.5) c.nbf = iat + Math.floor(rnd() * 3) - 1 + fraction();
      if (maxTokenAgeMs === undefined && rnd() < 0.3) delete c.iat;
      const window = strictTimeWindow(c, maxTokenAgeMs);
      if (!(window.fromMs < window.untilMs)) continue;
      let now = 0;
      const jwt = { algorithms: ['HS256'], secret: HMAC_SECRET, issuer: ISSUER, audience: AUDIENCE, clockToleranceMs: tolerance, maxTokenAgeMs, verifiedCache: false } as JwtOptions;
      const strict = harness(testAuthOptions({ jwt }), { now: () => now });
      const t = signHs256(c);
      const start = Number.isFinite(window.fromMs) ? window.fromMs : window.untilMs - 3_600_000;
      for (const at of [start, start + 1, Math.floor((start + window.untilMs) / 2), window.untilMs - 1]) {
        now = at;
        await expect(strict.guard(bearer(t))).resolves.toMatchObject({ subject: 'user-1' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('spans [iat or nbf, exp) for whole-second claims, and ends at iat + maxTokenAgeMs in whole seconds', () => {
    expect(strictTimeWindow({ iat: 100, nbf: 101, exp: 200 }, undefined)).toEqual({ fromMs: 101_000, untilMs: 200_000 });
    expect(strictTimeWindow({ exp: 200 }, undefined)).toEqual({ fromMs: -Infinity, untilMs: 200_000 });
    expect(strictTimeWindow({ iat: 100, exp: 200 }, 1_500)).toEqual({ fromMs: 100_000, untilMs: 101_000 });
    expect(strictTimeWindow({ iat: 100.5, nbf: 99.2, exp: 200.9 }, undefined)).toEqual({ fromMs: 101_000, untilMs: 200_000 });
    expect(strictTimeWindow({ exp: 200 }, 60_000).untilMs).toBe(-Infinity);
  });
});
