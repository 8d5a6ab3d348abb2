import { createHmac, randomBytes } from 'node:crypto';
import { optionError } from '../options/validate';

/** Hex characters kept from the HMAC: 96 bits, far beyond any collision an attacker could search for. */
const HASH_HEX = 24;
/** Recent hashes kept, so a popular identifier is not re-hashed on every request (an HMAC costs microseconds). */
const CACHE_SIZE = 4_096;

/**
 * Identifiers never leave the request raw: budgets, store keys and events see HMAC-SHA256 under a key
 * (threat model: emails and phones appear only hashed). A plain hash of an email is reversed by hashing
 * a list of emails; a keyed one is not without the key. The key is random per process unless `hashKey`
 * is given, which a shared store requires (every instance must hash an identifier alike).
 */
export class IdentifierHasher {
  private readonly key: Buffer;
  private readonly cache = new Map<string, string>();

  constructor(key?: Uint8Array | string) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key);
  }

  hash(kind: string, canonical: string): string {
    const input = [kind, canonical].join('\0');
    let hashed = this.cache.get(input);
    if (hashed === undefined) {
      hashed = createHmac('sha256', this.key).update(input).digest('hex').slice(0, HASH_HEX);
      // Cleared wholesale when full: bounded, and a flood of fresh identifiers costs one clear per 4,096.
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(input, hashed);
    }
    return hashed;
  }
}

/** A `hashKey` option: at least 32 bytes (a string of 32+ characters, or bytes). */
export function resolveHashKey(value: unknown, path: string): Uint8Array | string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && Buffer.byteLength(value) >= 32) return value;
  if (value instanceof Uint8Array && value.byteLength >= 32) return Buffer.from(value);
  throw optionError(path, 'must be a secret of at least 32 bytes (string or Uint8Array)');
}
