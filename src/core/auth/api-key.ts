import { createHash, randomBytes } from 'node:crypto';

/**
 * API key format: `<prefix>_<id>_<secret>`.
 * - `prefix`: 1–32 ASCII letters/digits naming the key family (default `awk`), so leaked keys are easy to
 *   spot in logs and by secret scanners.
 * - `id`: 24 lower-case hex characters (96 random bits). Public: it is what `lookup(id)` receives.
 * - `secret`: 43 base64url characters (256 random bits). Only its SHA-256 is stored.
 *
 * Why a fast hash and not bcrypt/scrypt: slow hashes protect low-entropy passwords against guessing. A
 * 256-bit random secret cannot be guessed, so SHA-256 is already preimage-resistant here, and a slow
 * hash on every request would hand attackers a cheap CPU denial of service.
 */
const API_KEY_PATTERN = /^([A-Za-z0-9]{1,32})_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;
const DEFAULT_PREFIX = 'awk';
const PREFIX_PATTERN = /^[A-Za-z0-9]{1,32}$/;

export interface ParsedApiKey {
  readonly prefix: string;
  readonly id: string;
  readonly secret: string;
}

export interface CreatedApiKey {
  /** The full key. Show it to its owner once; never store it. */
  readonly key: string;
  /** The public id, what `lookup(id)` receives. */
  readonly id: string;
  /** What to store (`StoredApiKey.hash`). */
  readonly hash: string;
}

/** Splits a presented key; `undefined` when it is not exactly in the documented format. */
export function parseApiKey(key: string): ParsedApiKey | undefined {
  // Cheap length gate before the regex: a huge header must not cost more than a comparison.
  if (key.length > 110) return undefined;
  const match = API_KEY_PATTERN.exec(key);
  if (match === null) return undefined;
  return { prefix: match[1]!, id: match[2]!, secret: match[3]! };
}

/** SHA-256 (hex) of a key's secret part. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The value to store for a key (`StoredApiKey.hash`). Throws `TypeError` when `key` is not an apiward key. */
export function hashApiKey(key: string): string {
  const parsed = typeof key === 'string' ? parseApiKey(key) : undefined;
  if (parsed === undefined) throw new TypeError('apiward: hashApiKey expects a key made by createApiKey (<prefix>_<id>_<secret>)');
  return hashApiKeySecret(parsed.secret);
}

/** Creates a new random API key. `key` is shown once; store `id` and `hash`. */
export function createApiKey(options: { readonly prefix?: string } = {}): CreatedApiKey {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new TypeError('apiward: option "prefix" must be 1 to 32 ASCII letters or digits');
  }
  const id = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `${prefix}_${id}_${secret}`, id, hash: hashApiKeySecret(secret) };
}
