import { JsonWebTokenError, NotBeforeError, TokenExpiredError } from 'jsonwebtoken';
import type { AuthFailureReason } from '../events/security-event';

/**
 * jsonwebtoken reports every failure as an error whose class and message are its only contract. Map each
 * one to a precise reason for the security event (the client sees the same 401 for all of them). An
 * error we do not recognise is still a denial, reported as `malformed_token`.
 */
export function reasonForJwtError(err: unknown): AuthFailureReason {
  if (err instanceof TokenExpiredError) return err.message === 'maxAge exceeded' ? 'token_too_old' : 'expired';
  if (err instanceof NotBeforeError) return 'not_yet_valid';
  if (!(err instanceof Error)) return 'malformed_token';
  const message = err.message;
  if (!(err instanceof JsonWebTokenError)) {
    // validateAsymmetricKey throws a plain Error when the key type or curve does not fit `alg`.
    return message.startsWith('"alg" parameter') || message.startsWith('Invalid key for this operation') ? 'key_alg_mismatch' : 'malformed_token';
  }
  if (message === 'invalid signature' || message === 'jwt signature is required' || message.startsWith('secretOrPublicKey')) return 'invalid_signature';
  if (message === 'invalid algorithm') return 'alg_not_allowed';
  if (message.startsWith('jwt audience invalid')) return 'audience_mismatch';
  if (message.startsWith('jwt issuer invalid')) return 'issuer_mismatch';
  if (message === 'invalid exp value' || message === 'invalid nbf value' || message.startsWith('iat required')) return 'invalid_claim_type';
  return 'malformed_token';
}
