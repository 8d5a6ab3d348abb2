import type { AuthFailures } from './auth-errors';
import type { ResolvedAuthOptions } from './auth-options';
import type { Principal } from './principal';

/**
 * Runs the application's `isRevoked(principal)`. The hook sees the principal (keyed on `tokenId`/`subject`),
 * never the raw token: RSA and base64 encodings are malleable, so one token has several spellings and a
 * deny-list of strings is bypassed by re-encoding. Anything but a plain `false` denies (fail closed).
 */
export async function assertNotRevoked(isRevoked: NonNullable<ResolvedAuthOptions['isRevoked']>, principal: Principal, failures: AuthFailures): Promise<void> {
  let verdict: unknown;
  try {
    verdict = await isRevoked(principal);
  } catch {
    throw failures.token('revocation_check_failed', principal.credential, principal.subject);
  }
  if (verdict === false) return;
  throw failures.token(verdict === true ? 'revoked' : 'revocation_check_failed', principal.credential, principal.subject);
}
