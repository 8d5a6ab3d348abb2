import type { RequestLike } from '../request-like';
import { AuthFailure } from './auth-failure';
import { AuthFailures } from './auth-errors';
import type { ResolvedAuthOptions } from './auth-options';
import { createApiKeyVerifier, type ApiKeyVerifier } from './api-key-verifier';
import { extractCredential, type CredentialExtractorOptions } from './credential-extractor';
import { createJwtVerifier, type JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';
import type { RequireAuthRequirement } from './require-auth-requirement';
import { assertNotRevoked } from './revocation';
import { checkStepUp, needsStepUp, stepUpError } from './step-up';
import { isPending, type Awaitable } from '../util/awaitable';

export interface Authenticator {
  /**
   * The principal, synchronously when nothing had to wait (a cached token without `isRevoked`: the guard's
   * hot path), else a promise of it. Throws or rejects with `AuthFailure`, never anything else on bad input.
   */
  authenticate(req: RequestLike, requirement: RequireAuthRequirement): Awaitable<Principal>;
}

/** Longest Authorization value looked at when only API keys are configured (then it is refused anyway). */
const DEFAULT_MAX_TOKEN_BYTES = 8_192;

/**
 * RequireAuth's pipeline: exactly one credential, of a kind the route accepts, verified; then revocation,
 * then step-up. Each step throws an `AuthFailure` carrying the precise reason and the generic answer.
 */
export function createAuthenticator(options: ResolvedAuthOptions, now: () => number = Date.now): Authenticator {
  const failures = new AuthFailures(options.realm);
  const jwt: JwtVerifier | undefined = options.jwt === undefined ? undefined : createJwtVerifier(options.jwt, failures, now);
  const apiKey: ApiKeyVerifier | undefined = options.apiKeys === undefined ? undefined : createApiKeyVerifier(options.apiKeys, failures);
  const extractor: CredentialExtractorOptions = {
    apiKeyHeader: options.apiKeys?.header,
    jwt: jwt !== undefined,
    maxTokenBytes: options.jwt?.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES,
  };
  const { isRevoked, secondFactors } = options;

  /** Revocation, then step-up: on every request, cache hit or not. */
  const admit = (principal: Principal, requirement: RequireAuthRequirement): Awaitable<Principal> => {
    if (isRevoked !== undefined) return assertNotRevoked(isRevoked, principal, failures).then(() => stepUp(principal, requirement));
    return stepUp(principal, requirement);
  };
  const stepUp = (principal: Principal, requirement: RequireAuthRequirement): Principal => {
    if (needsStepUp(requirement)) {
      const shortfall = checkStepUp(principal, requirement, { secondFactors, now: now() });
      if (shortfall !== undefined) throw new AuthFailure(shortfall, stepUpError(options.realm, requirement), principal.credential, principal.subject);
    }
    return principal;
  };
  const authenticate = (req: RequestLike, requirement: RequireAuthRequirement): Awaitable<Principal> => {
    const credential = extractCredential(req, extractor, failures);
    if (credential === undefined) throw failures.missing();
    if (requirement.accept !== undefined && !requirement.accept.includes(credential.kind)) {
      throw failures.token('credential_kind_not_accepted', credential.kind);
    }
    // extractCredential only returns a kind whose verifier exists.
    const principal = credential.kind === 'jwt' ? jwt!(credential.token) : apiKey!(credential.key);
    return isPending(principal) ? principal.then((p) => admit(p, requirement)) : admit(principal, requirement);
  };

  return { authenticate };
}
