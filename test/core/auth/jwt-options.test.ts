/** Start-up refusals for `auth.jwt`: each a TypeError naming the option. */
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { Apiward } from '../../../src/core/apiward';
import type { JwtOptions } from '../../../src/core/auth/jwt-options';
import { resolveJwtOptions } from '../../../src/core/auth/jwt-options';
import { AUDIENCE, HMAC_SECRET, ISSUER, rsaKeys, testAuthOptions } from '../../support/tokens';

const rs = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ algorithms: ['RS256'], publicKey: rsaKeys.publicKeyPem, issuer: ISSUER, audience: AUDIENCE, ...overrides });
const hs = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ algorithms: ['HS256'], secret: HMAC_SECRET, issuer: ISSUER, audience: AUDIENCE, ...overrides });
const create = (jwt: Record<string, unknown>): Apiward => Apiward.create({ auth: testAuthOptions({ jwt: jwt as unknown as JwtOptions }) });
const refused = (jwt: Record<string, unknown>, option: string, message?: RegExp): void => {
  let error: unknown;
  try {
    create(jwt);
  } catch (err: unknown) {
    error = err;
  }
  expect(error).toBeInstanceOf(TypeError);
  expect((error as Error).message).toContain(`option "${option}"`);
  if (message) expect((error as Error).message).toMatch(message);
};

describe('resolveJwtOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveJwtOptions(rs(), 'jwt');
    expect(resolved).toMatchObject({ algorithms: ['RS256'], issuer: ISSUER, audience: [AUDIENCE], clockToleranceMs: 5_000, maxTokenAgeMs: undefined, maxTokenBytes: 8_192, scopeClaim: undefined });
    expect(resolved.keySource.kind).toBe('static');
  });

  it('turns the verified-token cache on by default, and off with false', () => {
    expect(resolveJwtOptions(rs(), 'jwt').verifiedCache).toEqual({ maxEntries: 10_000, maxAgeMs: 300_000 });
    expect(resolveJwtOptions(rs({ verifiedCache: false }), 'jwt').verifiedCache.maxEntries).toBe(0);
    refused(rs({ verifiedCache: { maxEntries: -1 } }), 'auth.jwt.verifiedCache.maxEntries');
  });

  it('builds the key once, as a KeyObject, from every supported encoding', () => {
    for (const publicKey of [rsaKeys.publicKeyPem, rsaKeys.publicKeyPem.trimEnd(), rsaKeys.publicKeyPkcs1Pem, Buffer.from(rsaKeys.publicKeyPem), rsaKeys.publicKey]) {
      const source = resolveJwtOptions(rs({ publicKey }), 'jwt').keySource;
      expect(source.kind === 'static' && source.key.type).toBe('public');
    }
    for (const secret of [HMAC_SECRET, HMAC_SECRET.toString('latin1').slice(0, 32).padEnd(32, 'x'), createSecretKey(HMAC_SECRET)]) {
      const source = resolveJwtOptions(hs({ secret }), 'jwt').keySource;
      expect(source.kind === 'static' && source.key.type).toBe('secret');
    }
  });

  it('resolves a JWKS source with its defaults', () => {
    expect(resolveJwtOptions(rs({ publicKey: undefined, jwksUri: 'https://issuer.example/.well-known/jwks.json' }), 'jwt').keySource).toEqual({
      kind: 'jwks', uri: 'https://issuer.example/.well-known/jwks.json', cacheMaxAgeMs: 600_000, maxFetchesPerMinute: 5, timeoutMs: 5_000,
    });
  });
});

describe('auth.jwt start-up refusals', () => {
  it.each([['none'], ['None'], ['NONE'], ['nOnE']])('refuses %s in algorithms', (alg) => {
    refused(rs({ algorithms: ['RS256', alg] }), 'auth.jwt.algorithms', /none/);
  });

  it.each([
    [['HS256', 'RS256']],
    [['RS256', 'HS512']],
    [['ES256', 'HS384']],
    [['PS256', 'HS256']],
  ])('refuses the HMAC/asymmetric mix %j', (algorithms) => {
    refused(rs({ algorithms }), 'auth.jwt.algorithms', /must not mix HMAC/);
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['a string', 'RS256'],
    ['an unknown algorithm', ['RS257']],
    ['a lower-case name', ['rs256']],
  ])('refuses algorithms that are %s', (_name, algorithms) => {
    refused(rs({ algorithms }), 'auth.jwt.algorithms');
  });

  it('refuses an HMAC secret shorter than 32 bytes, in every form', () => {
    refused(hs({ secret: 'x'.repeat(31) }), 'auth.jwt.secret', /32 bytes/);
    refused(hs({ secret: Buffer.alloc(16) }), 'auth.jwt.secret', /32 bytes/);
    refused(hs({ secret: createSecretKey(Buffer.alloc(31)) }), 'auth.jwt.secret', /32 bytes/);
    refused(hs({ secret: '' }), 'auth.jwt.secret');
  });

  it.each([
    ['missing issuer', rs({ issuer: undefined }), 'auth.jwt.issuer'],
    ['empty issuer', rs({ issuer: '' }), 'auth.jwt.issuer'],
    ['missing audience', rs({ audience: undefined }), 'auth.jwt.audience'],
    ['empty audience list', rs({ audience: [] }), 'auth.jwt.audience'],
    ['audience list with an empty string', rs({ audience: ['a', ''] }), 'auth.jwt.audience'],
    ['unknown key', rs({ isuer: ISSUER }), 'auth.jwt.isuer'],
    ['unknown jwks key', rs({ publicKey: undefined, jwksUri: 'https://i.example/jwks', jwks: { cacheMaxAge: 1 } }), 'auth.jwt.jwks.cacheMaxAge'],
    ['jwks without jwksUri', rs({ jwks: {} }), 'auth.jwt.jwks'],
    ['no key source', rs({ publicKey: undefined }), 'auth.jwt'],
    ['two key sources', rs({ secret: HMAC_SECRET }), 'auth.jwt'],
    ['a secret for RS256', rs({ publicKey: undefined, secret: HMAC_SECRET }), 'auth.jwt.secret'],
    ['a public key for HS256', hs({ secret: undefined, publicKey: rsaKeys.publicKeyPem }), 'auth.jwt.publicKey'],
    ['a JWKS for HS256', hs({ secret: undefined, jwksUri: 'https://i.example/jwks' }), 'auth.jwt.jwksUri'],
    ['a private key PEM', rs({ publicKey: rsaKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }), 'auth.jwt.publicKey'],
    ['a private KeyObject', rs({ publicKey: rsaKeys.privateKey }), 'auth.jwt.publicKey'],
    ['garbage PEM', rs({ publicKey: 'not a key' }), 'auth.jwt.publicKey'],
    ['an RSA key for ES256', rs({ algorithms: ['ES256'] }), 'auth.jwt.publicKey'],
    ['plain-http JWKS off loopback', rs({ publicKey: undefined, jwksUri: 'http://issuer.example/jwks' }), 'auth.jwt.jwksUri'],
    ['a relative JWKS URI', rs({ publicKey: undefined, jwksUri: '/jwks' }), 'auth.jwt.jwksUri'],
    ['a negative tolerance', rs({ clockToleranceMs: -1 }), 'auth.jwt.clockToleranceMs'],
    ['a fractional max token age', rs({ maxTokenAgeMs: 1.5 }), 'auth.jwt.maxTokenAgeMs'],
    ['a tiny byte cap', rs({ maxTokenBytes: 10 }), 'auth.jwt.maxTokenBytes'],
    ['an empty scope claim', rs({ scopeClaim: '' }), 'auth.jwt.scopeClaim'],
  ])('refuses %s', (_name, jwt, option) => {
    refused(jwt, option);
  });

  it('refuses an RSA key under 2048 bits and accepts a P-256 key for ES256 only', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    refused(rs({ publicKey: small }), 'auth.jwt.publicKey', /2048/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(() => create(rs({ algorithms: ['ES256'], publicKey: ec }))).not.toThrow();
    refused(rs({ algorithms: ['ES256', 'ES384'], publicKey: ec }), 'auth.jwt.publicKey', /ES384/);
  });
});
