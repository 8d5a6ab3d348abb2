import { randomBytes } from 'node:crypto';
import { assertKnownKeys, optionError, optionalObject } from '../options/validate';
import type { PasswordHasher } from './password-hasher';
import { ScryptPasswordHasher } from './scrypt-password-hasher';

export interface LoginVerifierOptions {
  /**
   * The hasher the app stores its passwords with; the dummy hash is made with it, so a missing account
   * costs one verification of the same algorithm and cost as an existing one.
   * @default new ScryptPasswordHasher() (scrypt, N = 2^17, r = 8, p = 1)
   */
  readonly hasher?: PasswordHasher;
}

/** Verifies a login password with the same work whether or not the account exists (threat model §1, §5). */
export interface LoginVerifier {
  /** The hash of a random secret, made once at start-up; missing accounts are verified against it. */
  readonly dummyHash: string;
  /**
   * Runs exactly one real verification — against the stored hash, or against the dummy hash when the
   * account does not exist (`undefined` / `null`) — and resolves `true` only for an existing account whose
   * password matches. A password that is not a string is verified as the empty string and never matches.
   * "No such user" and "wrong password" then cost the same; answer both with the same 401.
   */
  verify(storedHash: string | null | undefined, password: unknown): Promise<boolean>;
}

function resolveHasher(value: unknown, path: string): PasswordHasher {
  if (value === undefined) return new ScryptPasswordHasher();
  const h = value as Partial<Record<'hash' | 'verify', unknown>>;
  if (typeof value !== 'object' || value === null || typeof h.hash !== 'function' || typeof h.verify !== 'function') {
    throw optionError(path, 'must be a PasswordHasher (an object with hash(password) and verify(encoded, password))');
  }
  return value as PasswordHasher;
}

/**
 * Builds the verifier and computes its dummy hash once; await it at start-up (a Nest `useFactory`, or
 * before `app.listen`), so no login request ever pays for the dummy's creation.
 */
export async function createLoginVerifier(options: LoginVerifierOptions = {}): Promise<LoginVerifier> {
  const o = optionalObject(options, 'loginVerifier') ?? {};
  assertKnownKeys(o, ['hasher'], 'loginVerifier');
  const hasher = resolveHasher(o.hasher, 'loginVerifier.hasher');
  // A random secret nobody knows: even a caller that ignored the `false` could not log in as "nobody".
  const dummyHash = await hasher.hash(randomBytes(32).toString('base64url'));
  return Object.freeze({
    dummyHash,
    async verify(storedHash: string | null | undefined, password: unknown): Promise<boolean> {
      const candidate = typeof password === 'string' ? password : '';
      if (typeof storedHash !== 'string') {
        await hasher.verify(dummyHash, candidate);
        return false;
      }
      const matches = await hasher.verify(storedHash, candidate);
      return matches === true && typeof password === 'string';
    },
  });
}
