import type { RouteRef } from '../request-like';
import type { PrivilegeEvent } from '../privilege/privilege-events';
import type { UniformEvent } from '../uniform/uniform-events';
import type { EnumerationEvent } from '../enumeration/enumeration-events';

/**
 * Every decision apiward makes against a request is a typed security event (threat model §3, §6: every
 * denial must be visible to someone). Events never carry token material, secrets, bodies or raw
 * identifiers: emails, phones and IDs appear only as keyed hashes.
 *
 * The union is discriminated on `type`. Each protection adds its members here.
 */
interface EventBase {
  /** ISO-8601 timestamp. */
  readonly at: string;
  /** The route template (never the raw URL, which may carry identifiers). */
  readonly route?: RouteRef;
  /** The client key (principal subject or client address / prefix) when known. */
  readonly client?: string;
  /** The principal's subject, when one was authenticated. */
  readonly subject?: string;
}

/** Why authentication failed. Stable codes: alert on them, never show them to the client. */
export type AuthFailureReason =
  | 'missing_credential'
  | 'multiple_credentials'
  | 'malformed_request'
  | 'credential_kind_not_accepted'
  | 'token_too_large'
  | 'malformed_token'
  | 'duplicate_member'
  | 'payload_not_object'
  | 'alg_not_allowed'
  | 'crit_unsupported'
  | 'bad_kid'
  | 'unknown_kid'
  | 'key_source_unavailable'
  | 'invalid_signature'
  | 'missing_exp'
  | 'invalid_claim_type'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future'
  | 'token_too_old'
  | 'issuer_mismatch'
  | 'audience_mismatch'
  | 'invalid_subject'
  | 'revoked'
  | 'revocation_check_failed'
  | 'api_key_unknown'
  | 'api_key_mismatch'
  | 'api_key_malformed'
  | 'api_key_lookup_failed'
  | 'key_fetch_rate_limited'
  | 'key_alg_mismatch'
  | 'second_factor_missing'
  | 'auth_time_missing'
  | 'auth_time_stale'
  | 'internal_error';

export interface AuthFailedEvent extends EventBase {
  readonly type: 'auth.failed';
  readonly reason: AuthFailureReason;
  readonly credential?: 'jwt' | 'apiKey';
}

export type SecurityEvent = AuthFailedEvent | PrivilegeEvent | UniformEvent | EnumerationEvent;

export type SecurityEventType = SecurityEvent['type'];

/** A listener given in the options. It may be async; its failures are swallowed, never thrown into a request. */
export type SecurityEventListener = (event: SecurityEvent) => void | Promise<void>;
