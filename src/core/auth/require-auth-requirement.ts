import type { CredentialKind } from './principal';

/** What `@RequireAuth(...)` / `requireAuth(...)` states for a route. Every field tightens, none loosens. */
export interface RequireAuthRequirement {
  /** Credential kinds this route accepts. Default: every kind configured in the module. An empty list accepts none. */
  readonly accept?: readonly CredentialKind[];
  /** Require a second factor in `amr` (step-up, RFC 9470). Default false. */
  readonly mfa?: boolean;
  /** The authentication (`auth_time`, then required) must be at most this old (RFC 9470 `max_age`). */
  readonly maxAuthAgeMs?: number;
}
