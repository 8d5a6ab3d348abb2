import type { CredentialKind } from './principal';

/** What `@RequireAuth(...)` / `requireAuth(...)` states for a route. Every field tightens, none loosens. */
export interface RequireAuthRequirement {
  /** Credential kinds this route accepts. Default: every kind configured in the module. */
  readonly accept?: readonly CredentialKind[];
  /** Require a second factor in `amr` (step-up, RFC 9470). Default false. */
  readonly mfa?: boolean;
  /** With `mfa`: the authentication (`auth_time`) must be at most this old. */
  readonly maxAuthAgeMs?: number;
}
