import { ApiwardError } from '../errors/apiward-error';
import type { AuthFailureReason } from '../events/security-event';
import type { CredentialKind } from './principal';

/**
 * Thrown inside authentication with the precise reason. The engine turns it into an `auth.failed`
 * event (the reason) and the client's `ApiwardError` (generic: the reason never leaves the server).
 */
export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
  constructor(
    readonly reason: AuthFailureReason,
    readonly error: ApiwardError,
    readonly credential?: CredentialKind,
    /** The subject, only once the credential itself was verified (step-up, revocation). */
    readonly subject?: string,
  ) {
    super(reason);
  }
}
