import type { AuthFailureReason } from '../events/security-event';
import { parseStrictJson, StrictJsonError, type JsonObject } from '../util/strict-json';
import type { JwtAlgorithm } from './jwt-options';

/** A JWT whose shape was checked before any key is chosen or signature verified. */
export interface DecodedJwt {
  readonly alg: JwtAlgorithm;
  readonly kid: string | undefined;
  /** Null-prototype claims, duplicate-free. */
  readonly payload: JsonObject;
}

export type DecodeResult = DecodedJwt | AuthFailureReason;

const B64URL = /^[A-Za-z0-9_-]+$/;
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MAX_KID_LENGTH = 256;
// fatal: invalid UTF-8 is refused rather than replaced; ignoreBOM: a BOM stays and fails the JSON parse.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Structural checks before jsonwebtoken runs (RFC 7515, RFC 8725). jsonwebtoken parses with
 * `JSON.parse` (duplicates silently resolved), decodes base64 leniently and never looks at `crit`;
 * these checks close those gaps. `jwk`, `jku`, `x5u` and `x5c` are never read: a token must not
 * choose the key that verifies it, nor make the server fetch anything. Returns the failure reason
 * as a string rather than throwing, so the hot path allocates no Error for hostile input.
 */
export function decodeJwt(token: string, algorithms: readonly JwtAlgorithm[]): DecodeResult {
  const dot1 = token.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
  if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) return 'malformed_token';

  const header = decodeObject(token.slice(0, dot1), 'malformed_token');
  if (typeof header === 'string') return header;
  const alg = header.alg;
  // Includes `none`/`NONE`/`nOnE`: never in the allowlist, compared case-sensitively.
  if (typeof alg !== 'string' || !(algorithms as readonly string[]).includes(alg)) return 'alg_not_allowed';
  // RFC 7515 §4.1.11: extensions we do not understand, listed in `crit`, must make the token invalid.
  if ('crit' in header) return 'crit_unsupported';
  const kid = header.kid;
  if (kid !== undefined && (typeof kid !== 'string' || kid.length === 0 || kid.length > MAX_KID_LENGTH)) return 'bad_kid';

  const payload = decodeObject(token.slice(dot1 + 1, dot2), 'payload_not_object');
  if (typeof payload === 'string') return payload;

  // Checked, never decoded: jsonwebtoken decodes the signature itself.
  if (!isCanonicalB64url(token.slice(dot2 + 1))) return 'malformed_token';
  return { alg: alg as JwtAlgorithm, kid, payload };
}

/** A segment holding a JSON object, or the reason it does not. */
function decodeObject(segment: string, notObject: AuthFailureReason): JsonObject | AuthFailureReason {
  const bytes = decodeB64url(segment);
  if (bytes === undefined) return 'malformed_token';
  let value: unknown;
  try {
    value = parseStrictJson(UTF8.decode(bytes));
  } catch (err: unknown) {
    return err instanceof StrictJsonError && err.kind === 'duplicate_member' ? 'duplicate_member' : 'malformed_token';
  }
  return isObject(value) ? value : notObject;
}

function decodeB64url(segment: string): Buffer | undefined {
  return isCanonicalB64url(segment) ? Buffer.from(segment, 'base64url') : undefined;
}

/**
 * Strict base64url (RFC 7515 §2): alphabet only, no padding, non-empty, and the canonical encoding of its
 * bytes, so non-zero trailing bits cannot produce several spellings of one token. Canonical means the
 * bits the last character carries beyond the last whole byte are zero (4 of them when the length is
 * 2 mod 4, 2 when it is 3 mod 4): the same verdict as decoding and re-encoding, without allocating either.
 */
export function isCanonicalB64url(segment: string): boolean {
  const rest = segment.length % 4;
  if (rest === 1 || !B64URL.test(segment)) return false;
  if (rest === 0) return true;
  const last = B64URL_ALPHABET.indexOf(segment.charAt(segment.length - 1));
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
