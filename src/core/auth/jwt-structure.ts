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

  // Checked in place, never decoded: jsonwebtoken decodes the signature itself.
  if (!isCanonicalB64url(token, dot2 + 1, token.length)) return 'malformed_token';
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
  return isCanonicalB64url(segment, 0, segment.length) ? Buffer.from(segment, 'base64url') : undefined;
}

/**
 * Strict base64url (RFC 7515 §2) of `text[start, end)`: alphabet only, no padding, non-empty, and the
 * canonical encoding of its bytes, so non-zero trailing bits cannot produce several spellings of one
 * token. Canonical means the bits the last character carries beyond the last whole byte are zero (4 of
 * them when the length is 2 mod 4, 2 when it is 3 mod 4): the same test as decoding and re-encoding,
 * without allocating either.
 */
export function isCanonicalB64url(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0 || length % 4 === 1) return false;
  for (let i = start; i < end; i++) if (sextet(text.charCodeAt(i)) < 0) return false;
  const spare = length % 4 === 2 ? 0x0f : length % 4 === 3 ? 0x03 : 0;
  return (sextet(text.charCodeAt(end - 1)) & spare) === 0;
}

/** The 6-bit value of a base64url character, or -1. */
function sextet(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 26; // a-z
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 52; // 0-9
  if (code === 0x2d) return 62; // -
  if (code === 0x5f) return 63; // _
  return -1;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
