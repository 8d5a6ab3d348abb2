import { ApiwardError, genericBody } from '../errors/apiward-error';
import { canonicalizeIdentifier, type IdentifierKind, type ResolvedIdentifierRules } from '../identifiers/canonicalize-identifier';
import type { RequestLike } from '../request-like';
import type { EnumerationInvalidIdentifierEvent } from './enumeration-events';
import { readIdentifier, type IdentifierLocation, type ResolvedIdentifier } from './identifier-source';

export interface IdentifiedTarget {
  readonly kind: IdentifierKind;
  readonly canonical: string;
  /**
   * Where the adapter writes `canonical` back, when the value arrived there as a string in another spelling
   * (a value already canonical is left alone: nothing to rewrite on every ordinary request).
   */
  readonly writeBack: IdentifierLocation | undefined;
}

export type IdentifyResult =
  | { readonly ok: true; readonly target: IdentifiedTarget | undefined }
  | { readonly ok: false; readonly reason: EnumerationInvalidIdentifierEvent['reason']; readonly kind?: IdentifierKind };

/**
 * Finds the route's identifier in the request and canonicalises it, once, before anything counts it or
 * the handler reads it. No identifier present: nothing to count beyond requests and misses (the handler
 * cannot look anything up either). Several accepted identifiers present (`?email=…&phone=…`): refused,
 * since the budget would count one while the handler might look up the other. A value that is not one
 * canonical identifier (an array from `?id=1&id=2`, `010002`, `a@b@c`) is refused, never reinterpreted.
 */
export function identifyRequest(req: RequestLike, identifiers: readonly ResolvedIdentifier[], rules: ResolvedIdentifierRules): IdentifyResult {
  let found: { spec: ResolvedIdentifier; raw: unknown } | undefined;
  for (const spec of identifiers) {
    let raw: unknown;
    try {
      raw = readIdentifier(req, spec.from);
    } catch {
      return { ok: false, reason: 'extractor_failed', kind: spec.kind };
    }
    if (raw === undefined) continue;
    if (found !== undefined) return { ok: false, reason: 'ambiguous' };
    found = { spec, raw };
  }
  if (found === undefined) return { ok: true, target: undefined };
  const { spec, raw } = found;
  const canonical = canonicalizeIdentifier(spec.kind, raw, rules);
  if (canonical === undefined) return { ok: false, reason: 'not_canonical', kind: spec.kind };
  const writeBack = typeof spec.from !== 'function' && typeof raw === 'string' && raw !== canonical ? spec.from : undefined;
  return { ok: true, target: { kind: spec.kind, canonical, writeBack } };
}

/** The one 400 for every identifier problem: the reason goes to the event, not to the client. */
export function invalidIdentifierError(): ApiwardError {
  return new ApiwardError('invalid_request', 400, {}, genericBody(400));
}
