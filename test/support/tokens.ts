/**
 * Shared test fixtures for everything that needs credentials: RSA key pairs (generated once per process),
 * an HMAC secret, claim builders, token minting (well-formed and hostile), and an `AuthOptions` that
 * accepts both RS256 JWTs and one known API key. Tokens are signed with node:crypto directly so hostile
 * shapes (duplicate members, lying headers, wrong algorithms) can be minted byte for byte.
 */
import { createHmac, generateKeyPairSync, randomBytes, sign as cryptoSign, constants, type KeyObject, type JsonWebKey } from 'node:crypto';
import type { AuthOptions } from '../../src/core/auth/auth-options';
import type { StoredApiKey } from '../../src/core/auth/api-key-options';
import { createApiKey } from '../../src/core/auth/api-key';

export const ISSUER = 'https://issuer.apiward.test';
export const AUDIENCE = 'apiward-test-api';

export interface TestKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM, with its trailing newline as Node exports it. */
  readonly publicKeyPem: string;
  /** PKCS#1 (`BEGIN RSA PUBLIC KEY`) PEM. */
  readonly publicKeyPkcs1Pem: string;
  /** SPKI DER, base64 (no PEM armour). */
  readonly publicKeyDerBase64: string;
  /** Public JWK (no `kid`; add one when publishing it in a JWKS). */
  readonly publicJwk: JsonWebKey;
}

function rsaKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyPkcs1Pem: publicKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    publicKeyDerBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    publicJwk: publicKey.export({ format: 'jwk' }),
  };
}

/** The issuer's key pair: the configured `publicKey` of `testAuthOptions()`. */
export const rsaKeys: TestKeyPair = rsaKeyPair();
/** Another RSA key pair, unknown to the verifier (tokens it signs must fail). */
export const foreignRsaKeys: TestKeyPair = rsaKeyPair();
/** 48-byte HMAC secret for HS* configurations. */
export const HMAC_SECRET: Buffer = randomBytes(48);

export type Claims = Record<string, unknown>;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Valid claims for `testAuthOptions()`: iss, aud, sub 'user-1', iat now, exp in 10 minutes, scope 'orders:read'. */
export function claims(overrides: Claims = {}): Claims {
  const now = nowSeconds();
  return { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 600, scope: 'orders:read', ...overrides };
}

/** Step-up claims: a password plus an OTP, authenticated `ageMs` ago. */
export function mfaClaims(ageMs: number, now: number = Date.now()): Claims {
  return { amr: ['pwd', 'otp'], auth_time: Math.floor((now - ageMs) / 1000) };
}

export const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** A value to a JSON segment: strings are taken as raw JSON text, anything else is `JSON.stringify`d. */
const segment = (value: unknown): string => b64url(typeof value === 'string' ? value : JSON.stringify(value));

export type SigningAlg = 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

/** Signs `signingInput` as `alg` would, with whatever key it is given (including the wrong kind of key). */
export function signature(signingInput: string, alg: SigningAlg, key: KeyObject | string | Buffer): string {
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith('HS')) {
    return createHmac(hash, key as string | Buffer | KeyObject).update(signingInput).digest('base64url');
  }
  const data = Buffer.from(signingInput);
  if (alg.startsWith('PS')) {
    return cryptoSign(hash, data, { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }).toString('base64url');
  }
  if (alg.startsWith('ES')) {
    return cryptoSign(hash, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  }
  return cryptoSign(hash, data, key as KeyObject).toString('base64url');
}

/** Signs raw JSON texts byte for byte (duplicate members, odd spacing): `signRaw('{"alg":"RS256"}', '{"sub":"a","sub":"b"}', 'RS256', key)`. */
export function signRaw(headerJson: string, payloadJson: string, alg: SigningAlg, key: KeyObject | string | Buffer): string {
  const input = `${b64url(headerJson)}.${b64url(payloadJson)}`;
  return `${input}.${signature(input, alg, key)}`;
}

/** RS256 with the issuer's key. `headerOverrides` may lie (e.g. `{ alg: 'HS256' }`); the signature stays RS256. */
export function signRs256(payload: Claims = claims(), headerOverrides: Record<string, unknown> = {}, key: KeyObject = rsaKeys.privateKey): string {
  return signRaw(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...headerOverrides }), JSON.stringify(payload), 'RS256', key);
}

/** HS256 with `HMAC_SECRET` (or the given secret). */
export function signHs256(payload: Claims = claims(), headerOverrides: Record<string, unknown> = {}, secret: string | Buffer = HMAC_SECRET): string {
  return signRaw(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...headerOverrides }), JSON.stringify(payload), 'HS256', secret);
}

/**
 * A token from hostile segments. `header`/`payload`: a string is raw JSON text (`'"hello"'`, `'not json'`),
 * anything else is `JSON.stringify`d. `signature` is the raw third segment (default: 43 `A`s).
 */
export function craftToken(header: unknown, payload: unknown, sig: string = 'A'.repeat(43)): string {
  return `${segment(header)}.${segment(payload)}.${sig}`;
}

/** In-memory API key store behind `testAuthOptions().apiKeys`. Tests may add keys. */
export const apiKeyStore = new Map<string, StoredApiKey>();

const created = createApiKey({ prefix: 'awk' });
/** The plaintext of the one known key: subject 'svc-reporting', scopes ['reports:read']. */
export const TEST_API_KEY: string = created.key;
export const TEST_API_KEY_ID: string = created.id;
apiKeyStore.set(created.id, { hash: created.hash, subject: 'svc-reporting', scopes: ['reports:read'] });

/** Accepts RS256 JWTs from `rsaKeys` (issuer/audience above) and the API keys in `apiKeyStore`. */
export function testAuthOptions(overrides: Partial<AuthOptions> = {}): AuthOptions {
  return {
    realm: 'api',
    jwt: { algorithms: ['RS256'], publicKey: rsaKeys.publicKeyPem, issuer: ISSUER, audience: AUDIENCE },
    apiKeys: { lookup: (id: string) => apiKeyStore.get(id) },
    ...overrides,
  };
}
