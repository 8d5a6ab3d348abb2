import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { assertKnownKeys, optionalInteger, optionalObject } from '../options/validate';
import type { PasswordHasher } from './password-hasher';

/** scrypt cost parameters (RFC 7914). The defaults follow OWASP's Password Storage Cheat Sheet minimum. */
export interface ScryptHasherOptions {
  /**
   * log2 of the CPU/memory cost N; memory per hash is 128 × N × r bytes (128 MiB at the defaults), 10 to 20.
   * @default 17
   */
  readonly logN?: number;
  /** Block size r, 1 to 32. @default 8 */
  readonly blockSize?: number;
  /** Parallelisation p, 1 to 16. @default 1 */
  readonly parallelization?: number;
  /** Random salt length in bytes, 16 to 64. @default 16 */
  readonly saltBytes?: number;
  /** Derived key length in bytes, 16 to 64. @default 32 */
  readonly keyBytes?: number;
}

export interface ResolvedScryptHasherOptions {
  readonly logN: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly saltBytes: number;
  readonly keyBytes: number;
}

const KEYS = ['logN', 'blockSize', 'parallelization', 'saltBytes', 'keyBytes'] as const;
const LIMITS = { logN: [10, 20], blockSize: [1, 32], parallelization: [1, 16], bytes: [16, 64] } as const;

export function resolveScryptHasherOptions(value: unknown, path: string): ResolvedScryptHasherOptions {
  const o = optionalObject(value, path) ?? {};
  assertKnownKeys(o, KEYS, path);
  return Object.freeze({
    logN: optionalInteger(o.logN, `${path}.logN`, 17, ...LIMITS.logN),
    blockSize: optionalInteger(o.blockSize, `${path}.blockSize`, 8, ...LIMITS.blockSize),
    parallelization: optionalInteger(o.parallelization, `${path}.parallelization`, 1, ...LIMITS.parallelization),
    saltBytes: optionalInteger(o.saltBytes, `${path}.saltBytes`, 16, ...LIMITS.bytes),
    keyBytes: optionalInteger(o.keyBytes, `${path}.keyBytes`, 32, ...LIMITS.bytes),
  });
}

/**
 * `$scrypt$ln=<logN>,r=<r>,p=<p>$<salt>$<digest>` (PHC string format, unpadded standard base64): the
 * parameters travel with the hash, so raising the cost later does not break existing hashes. The bounds
 * are the option bounds, so a tampered stored hash cannot ask for gigabytes of memory.
 */
const ENCODED = /^\$scrypt\$ln=([0-9]{2}),r=([0-9]{1,2}),p=([0-9]{1,2})\$([A-Za-z0-9+/]{22,86})\$([A-Za-z0-9+/]{22,86})$/;

interface DecodedHash {
  readonly logN: number;
  readonly blockSize: number;
  readonly parallelization: number;
  readonly salt: Buffer;
  readonly digest: Buffer;
}

export function decodeScryptHash(encoded: string): DecodedHash | undefined {
  const m = ENCODED.exec(encoded);
  if (m === null) return undefined;
  const [logN, blockSize, parallelization] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const inRange = (n: number, [min, max]: readonly [number, number]): boolean => n >= min && n <= max;
  const salt = Buffer.from(m[4] ?? '', 'base64');
  const digest = Buffer.from(m[5] ?? '', 'base64');
  const ok =
    inRange(logN, LIMITS.logN) &&
    inRange(blockSize, LIMITS.blockSize) &&
    inRange(parallelization, LIMITS.parallelization) &&
    inRange(salt.length, LIMITS.bytes) &&
    inRange(digest.length, LIMITS.bytes);
  return ok ? { logN, blockSize, parallelization, salt, digest } : undefined;
}

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Buffer, keyBytes: number, p: Pick<DecodedHash, 'logN' | 'blockSize' | 'parallelization'>): Promise<Buffer> {
  const N = 2 ** p.logN;
  // Node refuses to exceed maxmem (32 MiB by default); allow exactly what these parameters need, with room.
  const options: ScryptOptions = { N, r: p.blockSize, p: p.parallelization, maxmem: 256 * N * p.blockSize };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** scrypt through node:crypto, run on libuv's thread pool (never blocks the event loop). */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly options: ResolvedScryptHasherOptions;

  constructor(options: ScryptHasherOptions = {}) {
    this.options = resolveScryptHasherOptions(options, 'scrypt');
  }

  async hash(password: string): Promise<string> {
    if (typeof password !== 'string') throw new TypeError('apiward: password must be a string');
    const o = this.options;
    const salt = randomBytes(o.saltBytes);
    const digest = await derive(password, salt, o.keyBytes, o);
    return `$scrypt$ln=${o.logN},r=${o.blockSize},p=${o.parallelization}$${b64(salt)}$${b64(digest)}`;
  }

  async verify(encoded: string, password: string): Promise<boolean> {
    const decoded = typeof encoded === 'string' ? decodeScryptHash(encoded) : undefined;
    // A corrupt stored hash is a data bug: loud, never a silent "wrong password" nor a match.
    if (decoded === undefined) throw new TypeError('apiward: the stored password hash is not a valid $scrypt$ hash');
    const candidate = await derive(typeof password === 'string' ? password : '', decoded.salt, decoded.digest.length, decoded);
    return timingSafeEqual(candidate, decoded.digest) && typeof password === 'string';
  }
}
