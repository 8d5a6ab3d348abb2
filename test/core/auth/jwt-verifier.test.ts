/** Signatures, algorithm confusion, key sources named by the token, and size caps. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { claims, craftToken, foreignRsaKeys, HMAC_SECRET, rsaKeys, signHs256, signRaw, signRs256, testAuthOptions, ISSUER, AUDIENCE, type SigningAlg } from '../../support/tokens';
import { bearer, expectDenied, harness, request } from './guard-harness';

describe('JWT verification (core guard)', () => {
  const h = harness();

  it('accepts a valid RS256 token and returns the principal', async () => {
    await expect(h.guard(bearer(signRs256()))).resolves.toEqual({
      subject: 'user-1',
      kind: 'user',
      scopes: ['orders:read'],
      claims: expect.objectContaining({ sub: 'user-1', iss: ISSUER }),
      authTime: undefined,
      amr: [],
      credential: 'jwt',
      tokenId: undefined,
    });
    expect(h.events).toEqual([]);
  });

  it('refuses a token signed by another RSA key', async () => {
    await expectDenied(h, bearer(signRs256(claims(), {}, foreignRsaKeys.privateKey)), { reason: 'invalid_signature' });
  });

  it('refuses a payload changed after signing', async () => {
    const [header, , signature] = signRs256().split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url')}.${signature}`;
    await expectDenied(h, bearer(forged), { reason: 'invalid_signature' });
  });

  describe('HS* signed with the RSA public key against an RS256-only config (algorithm confusion)', () => {
    const encodings: Array<[string, string]> = [
      ['SPKI PEM with its trailing newline', rsaKeys.publicKeyPem],
      ['SPKI PEM without its trailing newline', rsaKeys.publicKeyPem.trimEnd()],
      ['PKCS#1 PEM', rsaKeys.publicKeyPkcs1Pem],
      ['base64 DER', rsaKeys.publicKeyDerBase64],
    ];
    const cases = (['HS256', 'HS384', 'HS512'] as const).flatMap((alg) => encodings.map(([name, key]) => [alg, name, key] as const));
    it.each(cases)('refuses %s keyed with the %s', async (alg, _name, key) => {
      const token = signRaw(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(claims()), alg as SigningAlg, key);
      await expectDenied(h, bearer(token), { reason: 'alg_not_allowed' });
    });

    it('refuses RS256 in the header over an HMAC signature made with the public key', async () => {
      const lying = signRaw(JSON.stringify({ alg: 'RS256' }), JSON.stringify(claims()), 'HS256', rsaKeys.publicKeyPem);
      await expectDenied(h, bearer(lying), { reason: 'invalid_signature' });
    });
  });

  describe('an HS256 configuration', () => {
    const hs = harness(testAuthOptions({ jwt: { algorithms: ['HS256'], secret: HMAC_SECRET, issuer: ISSUER, audience: AUDIENCE } }));

    it('accepts a token signed with the secret', async () => {
      await expect(hs.guard(bearer(signHs256()))).resolves.toMatchObject({ subject: 'user-1' });
    });

    it('refuses another secret, an RS256 token and HS512', async () => {
      await expectDenied(hs, bearer(signHs256(claims(), {}, Buffer.alloc(48, 1))), { reason: 'invalid_signature' });
      await expectDenied(hs, bearer(signRs256()), { reason: 'alg_not_allowed' });
      await expectDenied(hs, bearer(signRaw('{"alg":"HS512"}', JSON.stringify(claims()), 'HS512', HMAC_SECRET)), { reason: 'alg_not_allowed' });
    });
  });

  describe('key sources named by the token (jwk, jku, x5u, x5c)', () => {
    let listener: Server;
    let hits = 0;
    let url = '';

    beforeAll(async () => {
      listener = createServer((_req, res) => {
        hits++;
        res.end(JSON.stringify({ keys: [{ ...foreignRsaKeys.publicJwk, kid: 'attacker', use: 'sig' }] }));
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    });

    it.each([
      ['jku', () => ({ jku: url, kid: 'attacker' })],
      ['x5u', () => ({ x5u: url })],
      ['jwk', () => ({ jwk: { ...foreignRsaKeys.publicJwk, kid: 'attacker' } })],
      ['x5c', () => ({ x5c: [foreignRsaKeys.publicKeyDerBase64] })],
      ['all of them', () => ({ jku: url, x5u: url, jwk: foreignRsaKeys.publicJwk, x5c: [foreignRsaKeys.publicKeyDerBase64] })],
    ])('never uses %s: a token signed by the attacker key fails and the listener receives nothing', async (_name, header) => {
      await expectDenied(h, bearer(signRs256(claims(), header(), foreignRsaKeys.privateKey)), { reason: 'invalid_signature' });
      // Give any stray request time to arrive before asserting that none did.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hits).toBe(0);
    });
  });

  describe('size', () => {
    it('refuses a 12 KB token before decoding it', async () => {
      await expectDenied(h, bearer(signRs256(claims({ pad: 'x'.repeat(12_000) }))), { reason: 'token_too_large' });
    });

    it('refuses a 16 KiB Authorization header (the HTTP server answers 431 first; the core never parses it)', async () => {
      await expectDenied(h, request([['Authorization', `Bearer ${'A'.repeat(16 * 1024)}`]]), { reason: 'token_too_large' });
    });

    it('accepts a token just under a configured cap and refuses one just over', async () => {
      const token = signRs256(claims({ pad: 'x'.repeat(400) }));
      const fits = harness(testAuthOptions({ jwt: { ...testAuthOptions().jwt!, maxTokenBytes: token.length } }));
      const tight = harness(testAuthOptions({ jwt: { ...testAuthOptions().jwt!, maxTokenBytes: token.length - 1 } }));
      await expect(fits.guard(bearer(token))).resolves.toBeDefined();
      await expectDenied(tight, bearer(token), { reason: 'token_too_large' });
    });
  });

  it('never throws anything but the generic answer, whatever the segments hold', async () => {
    const hostile: unknown[] = [{ alg: 'RS256', kid: '\u0000' }, { alg: 'RS256', typ: { x: 1 } }, { alg: 'RS256', b64: false }];
    for (const header of hostile) {
      await expectDenied(h, bearer(craftToken(header, claims())), { reason: 'invalid_signature' });
    }
  });
});
