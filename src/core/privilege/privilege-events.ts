import type { StepUpShortfall } from '../auth/step-up';
import type { RouteRef } from '../request-like';
import type { IdRejectionReason, IdSource } from './id-params';
import type { OwnershipDenialAnswer } from './ownership-policy';
import type { OwnershipOutcome } from './evaluate-ownership';

/**
 * Events of LeastPrivilege (threat model §3: every denial must be visible to someone). They name the
 * route template and the principal's subject; never a token, a body or a raw identifier value.
 */
interface PrivilegeEventBase {
  /** ISO-8601 timestamp. */
  readonly at: string;
  readonly route?: RouteRef;
  /** The principal's subject, when one was authenticated. */
  readonly subject?: string;
}

/**
 * - `missing_scope`: the principal lacks a required scope (answered 403 `insufficient_scope`).
 * - `undeclared_authorization`: strict mode, the route declares no scope, `Public` or `AnyAuthenticated`.
 * - `no_principal`: an authorization rule was declared but no principal reached it (a misconfigured route).
 */
export type AccessDeniedReason = 'missing_scope' | 'undeclared_authorization' | 'no_principal';

export interface AccessDeniedEvent extends PrivilegeEventBase {
  readonly type: 'access.denied';
  readonly reason: AccessDeniedReason;
  /** The scopes the route requires (declared names, not secrets), for `missing_scope`. */
  readonly requiredScopes?: readonly string[];
}

/** An ownership policy did not return `true`; `outcome` says whether it said no, threw, rejected, … */
export interface OwnershipDeniedEvent extends PrivilegeEventBase {
  readonly type: 'ownership.denied';
  readonly outcome: Exclude<OwnershipOutcome, 'allowed'> | 'no_principal';
  /** The policy's function or class name. */
  readonly policy: string;
  /** How the client was answered. */
  readonly answeredAs: OwnershipDenialAnswer;
}

/** A privileged scope needs a second factor or a more recent authentication (answered 401, RFC 9470). */
export interface StepUpRequiredEvent extends PrivilegeEventBase {
  readonly type: 'stepup.required';
  readonly reason: StepUpShortfall;
}

/** An identifier parameter was polluted or not canonical (answered 400). The value itself is not recorded. */
export interface ParamRejectedEvent extends PrivilegeEventBase {
  readonly type: 'param.rejected';
  readonly param: string;
  readonly source?: IdSource;
  readonly reason: IdRejectionReason;
}

export type PrivilegeEvent = AccessDeniedEvent | OwnershipDeniedEvent | StepUpRequiredEvent | ParamRejectedEvent;
