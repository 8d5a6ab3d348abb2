import { ApiwardError, genericBody } from '../errors/apiward-error';
import type { AuthFailureReason } from '../events/security-event';
import { AuthFailure } from './auth-failure';
import type { CredentialKind } from './principal';

/**
 * The client-facing answers of RequireAuth (RFC 6750 §3), bound to one realm. Every reason maps to one
 * of three answers, so the client cannot tell an expired token from a forged one or an unknown key:
 * - no credential: 401 with a bare `Bearer realm="…"` challenge (RFC 6750 §3.1: no error code);
 * - a bad credential: 401 `error="invalid_token"`;
 * - a malformed request (two credentials, a garbled Authorization header): 400 `error="invalid_request"`.
 */
export class AuthFailures {
  private readonly missingChallenge: string;
  private readonly tokenChallenge: string;
  private readonly requestChallenge: string;

  constructor(readonly realm: string) {
    this.missingChallenge = `Bearer realm="${realm}"`;
    this.tokenChallenge = `Bearer realm="${realm}", error="invalid_token"`;
    this.requestChallenge = `Bearer realm="${realm}", error="invalid_request"`;
  }

  missing(): AuthFailure {
    return new AuthFailure('missing_credential', new ApiwardError('invalid_token', 401, { 'WWW-Authenticate': this.missingChallenge }, genericBody(401)));
  }

  token(reason: AuthFailureReason, credential?: CredentialKind, subject?: string): AuthFailure {
    return new AuthFailure(reason, new ApiwardError('invalid_token', 401, { 'WWW-Authenticate': this.tokenChallenge }, genericBody(401)), credential, subject);
  }

  request(reason: AuthFailureReason, credential?: CredentialKind): AuthFailure {
    return new AuthFailure(reason, new ApiwardError('invalid_request', 400, { 'WWW-Authenticate': this.requestChallenge }, genericBody(400)), credential);
  }
}
