import { ApiwardError, genericBody } from '../errors/apiward-error';
import { toJwtSeconds } from '../util/jwt-time';
import type { Principal } from './principal';

/** What a route (RequireAuth) or a privileged scope (LeastPrivilege) demands of the authentication event. */
export interface StepUpRequirement {
  /** `amr` must contain a second factor. */
  readonly mfa?: boolean;
  /** `auth_time` must be at most this old (and is then required). */
  readonly maxAuthAgeMs?: number;
}

/** Why a principal does not meet a step-up requirement (the `auth.failed` / `stepup.required` reason). */
export type StepUpShortfall = 'second_factor_missing' | 'auth_time_missing' | 'auth_time_stale';

export interface StepUpContext {
  /** `amr` values counting as a second factor (`ResolvedAuthOptions.secondFactors`). */
  readonly secondFactors: ReadonlySet<string>;
  /** Current time, epoch ms. */
  readonly now: number;
}

/**
 * Checks a principal against a step-up requirement (threat model §3: privileged actions need a recent,
 * multi-factor authentication). Returns undefined when met, else the shortfall. Pure: the caller decides
 * the event and answers with `stepUpError`.
 */
export function checkStepUp(principal: Principal, requirement: StepUpRequirement, context: StepUpContext): StepUpShortfall | undefined {
  // Read the closed way: any `mfa` but `false` asks for a factor, and an age that is not a number is never met.
  if (requirement.mfa !== undefined && requirement.mfa !== false && !principal.amr.some((method) => context.secondFactors.has(method))) {
    return 'second_factor_missing';
  }
  const maxAge = requirement.maxAuthAgeMs;
  if (maxAge !== undefined) {
    if (principal.authTime === undefined) return 'auth_time_missing';
    if (!(context.now - principal.authTime <= maxAge)) return 'auth_time_stale';
  }
  return undefined;
}

/** True when the requirement asks for anything at all. */
export function needsStepUp(requirement: StepUpRequirement): boolean {
  return (requirement.mfa !== undefined && requirement.mfa !== false) || requirement.maxAuthAgeMs !== undefined;
}

/**
 * The RFC 9470 challenge: 401 `error="insufficient_user_authentication"`, with `max_age` (seconds) when an
 * age is required, so the client knows to re-authenticate with the authorization server. The description
 * names what the route requires, not which part the token missed.
 */
export function stepUpError(realm: string, requirement: StepUpRequirement): ApiwardError {
  const description = requirement.mfa === true ? 'Multi-factor authentication is required' : 'A more recent authentication is required';
  const maxAge = requirement.maxAuthAgeMs === undefined ? '' : `, max_age=${toJwtSeconds(requirement.maxAuthAgeMs)}`;
  const challenge = `Bearer realm="${realm}", error="insufficient_user_authentication", error_description="${description}"${maxAge}`;
  return new ApiwardError('insufficient_user_authentication', 401, { 'WWW-Authenticate': challenge }, genericBody(401));
}
