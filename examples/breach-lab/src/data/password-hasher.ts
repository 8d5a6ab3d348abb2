import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/**
 * scrypt password hashes (`scrypt$<N>$<salt>$<key>`, base64url). The lab stores only these, never the
 * passwords, so a login costs what a real one costs and the constant-work login check has a real hash
 * of the same algorithm and cost to compare against when the account does not exist. The method shapes
 * match apiward's `PasswordHasher`, so the protected build hands this hasher to `createLoginVerifier`.
 */
export class PasswordHasher {
  constructor(private readonly cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.cost);
    return `scrypt$${this.cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password and for a malformed stored hash (never throws on bad input). */
  async verify(stored: string, password: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 4 || parts[0] !== 'scrypt') return false;
    const cost = Number(parts[1]);
    if (!Number.isSafeInteger(cost) || cost < 2) return false;
    const salt = Buffer.from(parts[2] ?? '', 'base64url');
    const expected = Buffer.from(parts[3] ?? '', 'base64url');
    if (expected.length !== KEY_BYTES) return false;
    const actual = await derive(password, salt, cost);
    return timingSafeEqual(actual, expected);
  }
}

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  const options: ScryptOptions = { N: cost, r: 8, p: 1, maxmem: 256 * cost * 8 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
