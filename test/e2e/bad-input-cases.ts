/**
 * The bad-input table of the RequireAuth issue, as requests. Each case is sent to every platform; each
 * must be refused (401, or 400/431 for malformed transport), never answered with a 5xx, never served,
 * and reported with its `auth.failed` reason.
 */
import type { AuthFailureReason } from '../../src';
import type { HeaderLines } from '../support/http';
import {
  AUDIENCE,
  ISSUER,
  b64url,
  claims,
  craftToken,
  foreignRsaKeys,
  rsaKeys,
  signRaw,
  signRs256,
  TEST_API_KEY,
  type Claims,
  type SigningAlg,
} from '../support/tokens';

export interface BadInputCase {
  readonly name: string;
  readonly headers: HeaderLines;
  /** Default `/me`. */
  readonly path?: string;
  /** Acceptable statuses. */
  readonly expect: readonly number[];
  /** The `auth.failed` reason apiward must report (the client never sees it). */
  readonly reason: AuthFailureReason;
  /** Strings that must never appear in a security event (token material). */
  readonly secrets: readonly string[];
}

const REFUSED = [401] as const;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function withoutClaim(name: string): Claims {
  const c = claims();
  delete c[name];
  return c;
}

function bearerCase(name: string, token: string, reason: AuthFailureReason, expect: readonly number[] = REFUSED): BadInputCase {
  return { name, headers: [['Authorization', `Bearer ${token}`]], expect, reason, secrets: [token] };
}

const RS256_HEADER = JSON.stringify({ alg: 'RS256', typ: 'JWT' });

export function badInputCases(keyListenerUrl: string): BadInputCase[] {
  const now = nowSeconds();
  const valid = signRs256();
  const [validHeader, validPayload, validSignature] = valid.split('.') as [string, string, string];
  const cases: BadInputCase[] = [];

  // Every one of the 16 letter-case spellings of `none`.
  for (const alg of letterCases('none')) {
    const unsigned = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${validPayload}`;
    cases.push(bearerCase(`alg "${alg}" without a signature`, `${unsigned}.`, 'alg_not_allowed'));
    cases.push(bearerCase(`alg "${alg}" with a signature`, `${unsigned}.${validSignature}`, 'alg_not_allowed'));
  }

  // Algorithm confusion: the RSA public key, in every encoding, used as an HMAC secret.
  const publicKeyEncodings: readonly (readonly [string, string])[] = [
    ['PEM', rsaKeys.publicKeyPem],
    ['PEM without its trailing newline', rsaKeys.publicKeyPem.trimEnd()],
    ['PKCS#1 PEM', rsaKeys.publicKeyPkcs1Pem],
    ['base64 DER', rsaKeys.publicKeyDerBase64],
  ];
  for (const alg of ['HS256', 'HS384', 'HS512'] as const satisfies readonly SigningAlg[]) {
    for (const [encoding, key] of publicKeyEncodings) {
      cases.push(bearerCase(`${alg} signed with the RSA public key (${encoding})`, signRaw(JSON.stringify({ alg, typ: 'JWT' }), JSON.stringify(claims()), alg, key), 'alg_not_allowed'));
    }
  }

  cases.push(bearerCase('expired', signRs256(claims({ iat: now - 7200, exp: now - 3600 })), 'expired'));
  cases.push(bearerCase('nbf in the future', signRs256(claims({ nbf: now + 3600 })), 'not_yet_valid'));
  cases.push(bearerCase('iat in the future', signRs256(claims({ iat: now + 3600 })), 'issued_in_future'));
  cases.push(bearerCase('no exp', signRs256(withoutClaim('exp')), 'missing_exp'));
  cases.push(bearerCase('exp as a string', signRs256(claims({ exp: String(now + 600) })), 'invalid_claim_type'));

  cases.push(bearerCase('wrong iss', signRs256(claims({ iss: 'https://evil.example' })), 'issuer_mismatch'));
  cases.push(bearerCase('no iss', signRs256(withoutClaim('iss')), 'issuer_mismatch'));
  cases.push(bearerCase('iss with a trailing slash', signRs256(claims({ iss: `${ISSUER}/` })), 'issuer_mismatch'));
  cases.push(bearerCase('upper-case iss', signRs256(claims({ iss: ISSUER.toUpperCase() })), 'issuer_mismatch'));

  cases.push(bearerCase('no aud', signRs256(withoutClaim('aud')), 'audience_mismatch'));
  cases.push(bearerCase('foreign aud', signRs256(claims({ aud: 'another-api' })), 'audience_mismatch'));
  cases.push(bearerCase('prefix-extended aud', signRs256(claims({ aud: `evil-${AUDIENCE}` })), 'audience_mismatch'));
  cases.push(bearerCase('suffix-extended aud', signRs256(claims({ aud: `${AUDIENCE}-evil` })), 'audience_mismatch'));
  cases.push(bearerCase('empty-array aud', signRs256(claims({ aud: [] })), 'audience_mismatch'));
  cases.push(bearerCase('object aud', signRs256(claims({ aud: { value: AUDIENCE } })), 'audience_mismatch'));

  cases.push(bearerCase('kid as an object', signRs256(claims(), { kid: { id: 'k1' } }), 'bad_kid'));
  cases.push(bearerCase('kid as an array', signRs256(claims(), { kid: ['k1'] }), 'bad_kid'));
  // The classic kid attack: point the key lookup at a file whose content the attacker knows (/dev/null
  // is empty) and sign with that content as an HMAC secret, or with the attacker's own RSA key.
  const traversal = '../../../../../../dev/null';
  cases.push(bearerCase('kid as a path traversal, HS256 with an empty secret', signRaw(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: traversal }), JSON.stringify(claims()), 'HS256', ''), 'alg_not_allowed'));
  cases.push(bearerCase('kid as a path traversal, RS256 by another key', signRs256(claims(), { kid: traversal }, foreignRsaKeys.privateKey), 'invalid_signature'));
  // 10 KB of kid makes the token itself too large; 1 KB stays under the token cap and meets the kid cap.
  cases.push(bearerCase('kid 10 KB long', signRs256(claims(), { kid: 'k'.repeat(10 * 1024) }), 'token_too_large'));
  cases.push(bearerCase('kid 1 KB long', signRs256(claims(), { kid: 'k'.repeat(1024) }), 'bad_kid'));

  // Attacker-chosen key locations: signed by the attacker, whose key the listener would serve.
  const foreign = foreignRsaKeys.privateKey;
  cases.push(bearerCase('jku at a local listener', signRs256(claims(), { kid: 'attacker', jku: `${keyListenerUrl}/jwks.json` }, foreign), 'invalid_signature'));
  cases.push(bearerCase('x5u at a local listener', signRs256(claims(), { x5u: `${keyListenerUrl}/cert.pem` }, foreign), 'invalid_signature'));
  cases.push(bearerCase('embedded jwk', signRs256(claims(), { jwk: foreignRsaKeys.publicJwk }, foreign), 'invalid_signature'));
  cases.push(bearerCase('signed by another RSA key', signRs256(claims(), {}, foreign), 'invalid_signature'));

  // `+` and `/` fit the b64token grammar of RFC 6750 but not base64url; `=` inside a token fits neither.
  cases.push(bearerCase('base64 instead of base64url', `${validHeader}.${validPayload.slice(0, 10)}+/${validPayload.slice(10)}.${validSignature}`, 'malformed_token'));
  cases.push(bearerCase('padding inside a segment', `${validHeader}.${validPayload.slice(0, 10)}==${validPayload.slice(10)}.${validSignature}`, 'malformed_request', [400, 401]));
  cases.push(bearerCase('characters outside base64url', `${validHeader}.${validPayload.slice(0, 10)}!*${validPayload.slice(10)}.${validSignature}`, 'malformed_request', [400, 401]));
  cases.push(bearerCase('2 segments', `${validHeader}.${validPayload}`, 'malformed_token'));
  cases.push(bearerCase('4 segments', `${valid}.${validSignature}`, 'malformed_token'));
  cases.push(bearerCase('non-JSON header', craftToken('not json', claims()), 'malformed_token'));
  cases.push(bearerCase('non-JSON payload', craftToken({ alg: 'RS256', typ: 'JWT' }, 'not json'), 'malformed_token'));
  for (const payload of ['"hello"', '123', '[]', 'null']) {
    cases.push(bearerCase(`payload ${payload}`, signRaw(RS256_HEADER, payload, 'RS256', rsaKeys.privateKey), 'payload_not_object'));
  }
  const payloadJson = JSON.stringify(claims({ sub: 'user-1' }));
  cases.push(bearerCase('duplicate sub', signRaw(RS256_HEADER, `${payloadJson.slice(0, -1)},"sub":"admin"}`, 'RS256', rsaKeys.privateKey), 'duplicate_member'));
  cases.push(bearerCase('12 KB token', tokenOfLength(12 * 1024), 'token_too_large'));

  // Malformed transport: two credentials are a 400. A 16 KiB header is over Node's default header limit,
  // so the HTTP server answers 431 before apiward runs (the spec knows each server's limit); a server
  // configured to take it hands it to apiward, which refuses the token as too large.
  const huge = `Bearer ${'a'.repeat(16 * 1024)}`;
  cases.push({ name: '16 KiB Authorization header', headers: [['Authorization', huge]], expect: REFUSED, reason: 'token_too_large', secrets: [huge.slice(7, 200)] });
  const other = signRs256(claims({ sub: 'user-2' }));
  cases.push({
    name: 'two Authorization headers',
    headers: [
      ['Authorization', `Bearer ${valid}`],
      ['Authorization', `Bearer ${other}`],
    ],
    expect: [400],
    reason: 'multiple_credentials',
    secrets: [valid, other],
  });
  cases.push({
    name: 'a JWT and an API key together',
    headers: [
      ['Authorization', `Bearer ${valid}`],
      ['X-Api-Key', TEST_API_KEY],
    ],
    expect: [400, 401],
    reason: 'multiple_credentials',
    secrets: [valid, TEST_API_KEY],
  });

  const [prefix, id] = TEST_API_KEY.split('_') as [string, string, string];
  const wrongSecret = `${prefix}_${id}_${'A'.repeat(43)}`;
  cases.push({ name: 'API key with the right prefix and a wrong secret', path: '/reports', headers: [['X-Api-Key', wrongSecret]], expect: REFUSED, reason: 'api_key_mismatch', secrets: [wrongSecret] });

  return cases;
}

/** A validly signed RS256 token of about `length` characters: too large, and nothing else wrong with it. */
function tokenOfLength(length: number): string {
  let padding = Math.floor((length * 3) / 4);
  let token = signRs256(claims({ padding: 'p'.repeat(padding) }));
  for (let i = 0; i < 3 && token.length !== length; i += 1) {
    padding += Math.round(((length - token.length) * 3) / 4);
    token = signRs256(claims({ padding: 'p'.repeat(padding) }));
  }
  return token;
}

/** Every upper/lower-case spelling of an ASCII word (`none` → `none`, `nonE`, …, `NONE`). */
function letterCases(word: string): string[] {
  return [...word].reduce<string[]>((spellings, ch) => spellings.flatMap((s) => [s + ch.toLowerCase(), s + ch.toUpperCase()]), ['']);
}
