/**
 * Hashes and verifies passwords. apiward ships scrypt (`ScryptPasswordHasher`, node:crypto only); apps on
 * bcrypt or argon2 wrap their library in this interface and hand it to `createLoginVerifier`.
 */
export interface PasswordHasher {
  /** A self-describing encoded hash: algorithm, cost parameters, salt and digest in one string. */
  hash(password: string): Promise<string>;
  /**
   * True when `password` matches `encoded`. Must do the full work whatever the outcome and compare in
   * constant time; may reject when `encoded` is not a hash of this algorithm.
   */
  verify(encoded: string, password: string): Promise<boolean>;
}
