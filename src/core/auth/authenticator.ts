// STUB — owned by the core-auth work.
import type { RequestLike } from '../request-like';
import type { Principal } from './principal';
import type { RequireAuthRequirement } from './require-auth-requirement';
import type { ResolvedAuthOptions } from './auth-options';

export interface Authenticator {
  /** Resolves the principal, or throws `AuthFailure`. Never throws anything else on bad input. */
  authenticate(req: RequestLike, requirement: RequireAuthRequirement): Promise<Principal>;
}

export function createAuthenticator(options: ResolvedAuthOptions): Authenticator {
  void options;
  return { authenticate: () => Promise.reject(new Error('not implemented')) };
}
