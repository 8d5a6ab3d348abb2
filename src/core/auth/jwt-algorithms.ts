import type { KeyObject } from 'node:crypto';
import { optionError } from '../options/validate';
import type { JwtAlgorithm } from './jwt-options';

export const JWT_ALGORITHMS: readonly JwtAlgorithm[] = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
];

/** `hmac` (shared secret) or `asymmetric` (RSA, RSA-PSS, EC public key). Never both in one config. */
export type AlgorithmFamily = 'hmac' | 'asymmetric';

const isHmac = (alg: JwtAlgorithm): boolean => alg.startsWith('HS');

/**
 * Validates `algorithms`. `none` in any letter case is refused by name (RFC 8725 §3.1), and HMAC is never
 * mixed with asymmetric families: with both allowed, an attacker signs HS256 using the published RSA public
 * key as the HMAC secret and a verifier holding that key accepts it (algorithm confusion, RFC 8725 §2.1).
 */
export function resolveAlgorithms(value: unknown, path: string): { algorithms: readonly JwtAlgorithm[]; family: AlgorithmFamily } {
  if (!Array.isArray(value) || value.length === 0) throw optionError(path, 'is required and must be a non-empty array of JWS algorithms');
  const out: JwtAlgorithm[] = [];
  for (const alg of value as unknown[]) {
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
      throw optionError(path, 'must not contain "none": unsigned tokens are never accepted');
    }
    if (typeof alg !== 'string' || !(JWT_ALGORITHMS as readonly string[]).includes(alg)) {
      throw optionError(path, `contains an unsupported algorithm ${JSON.stringify(alg)} (supported: ${JWT_ALGORITHMS.join(', ')})`);
    }
    if (!out.includes(alg as JwtAlgorithm)) out.push(alg as JwtAlgorithm);
  }
  const hmac = out.filter(isHmac).length;
  if (hmac !== 0 && hmac !== out.length) {
    throw optionError(path, 'must not mix HMAC (HS*) with RSA/EC/PS algorithms (algorithm confusion)');
  }
  return { algorithms: Object.freeze(out), family: hmac === 0 ? 'asymmetric' : 'hmac' };
}

const EC_CURVES: Readonly<Record<string, string>> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/** Whether a public key can verify `alg` (RFC 7518 §3): key type, EC curve, RSA size. */
export function keyFitsAlgorithm(key: KeyObject, alg: JwtAlgorithm): boolean {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  if (alg.startsWith('ES')) return type === 'ec' && details?.namedCurve === EC_CURVES[alg];
  const rsaFits = type === 'rsa' ? true : type === 'rsa-pss' && alg.startsWith('PS');
  // RFC 7518 §3.3: RSA keys of 2048 bits or more.
  return rsaFits && (details?.modulusLength ?? 0) >= 2048;
}
