import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import { optionError } from '../options/validate';
import { keyFitsAlgorithm } from './jwt-algorithms';
import type { JwtAlgorithm } from './jwt-options';

const MIN_SECRET_BYTES = 32;

/**
 * The HMAC key, built once at start-up. jsonwebtoken given a string re-derives a key object on every
 * verification (~40x slower); given a `KeyObject` it does not. RFC 7518 §3.2: an HS256 key must be at
 * least 256 bits, and short secrets are brute-forced offline from a single token.
 */
export function buildSecretKey(value: unknown, path: string): KeyObject {
  let key: KeyObject;
  if (value instanceof KeyObject) {
    if (value.type !== 'secret') throw optionError(path, 'must be a secret KeyObject (createSecretKey) for HS* algorithms');
    key = value;
  } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
    key = createSecretKey(typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value));
  } else {
    throw optionError(path, 'must be a string, Buffer or secret KeyObject');
  }
  if ((key.symmetricKeySize ?? 0) < MIN_SECRET_BYTES) {
    throw optionError(path, `must be at least ${MIN_SECRET_BYTES} bytes (RFC 7518 §3.2)`);
  }
  return key;
}

/** The public key, built once at start-up, and checked against every configured algorithm. */
export function buildPublicKey(value: unknown, algorithms: readonly JwtAlgorithm[], path: string): KeyObject {
  let key: KeyObject;
  if (value instanceof KeyObject) {
    key = value;
  } else if (typeof value === 'string' || Buffer.isBuffer(value)) {
    if (value.toString().includes('PRIVATE KEY')) {
      throw optionError(path, 'must be a public key: a verifier never needs the private key');
    }
    try {
      key = createPublicKey(value);
    } catch {
      throw optionError(path, 'is not a valid PEM public key (SPKI or PKCS#1)');
    }
  } else {
    throw optionError(path, 'must be a PEM string, Buffer or public KeyObject');
  }
  if (key.type !== 'public') throw optionError(path, 'must be a public KeyObject');
  for (const alg of algorithms) {
    if (!keyFitsAlgorithm(key, alg)) {
      throw optionError(path, `cannot verify ${alg} (key type ${String(key.asymmetricKeyType)}; RSA keys need 2048 bits or more)`);
    }
  }
  return key;
}
