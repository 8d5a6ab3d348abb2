/**
 * JWTs count time in NumericDate seconds (RFC 7519 §2), jsonwebtoken takes seconds for `clockTolerance`,
 * `maxAge` and `clockTimestamp`, and RFC 9470's `max_age` is in seconds. apiward is milliseconds
 * everywhere else: these two helpers are the only place JWT time is converted.
 */

/** Milliseconds to JWT seconds, rounded down (so a tolerance or age is never looser than asked). */
export const toJwtSeconds = (ms: number): number => Math.floor(ms / 1_000);

/** A NumericDate (seconds, possibly fractional) to epoch milliseconds. */
export const fromNumericDate = (seconds: number): number => seconds * 1_000;
