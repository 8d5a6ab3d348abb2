import type { ScopeRequirement } from './scope-requirement';
import { isValidScope } from '../auth/scopes';

const GRANTED = new WeakMap<readonly unknown[], ReadonlySet<string>>();

/**
 * The scopes a principal really holds. The authenticator already validates them; this is a second,
 * independent filter so a malformed value (not a string, whitespace, NUL, comma) can never match a
 * declared scope even if it reached the principal some other way (a custom API key lookup, a test double).
 */
export function grantedScopes(scopes: unknown): ReadonlySet<string> {
  // A frozen array cannot change, so its filtered set is computed once: a principal served from the
  // verified-token cache carries the same frozen `scopes` on every request.
  const frozen = Array.isArray(scopes) && Object.isFrozen(scopes);
  if (frozen) {
    const known = GRANTED.get(scopes);
    if (known !== undefined) return known;
  }
  const granted = new Set<string>();
  if (!Array.isArray(scopes)) return granted;
  for (const scope of scopes as readonly unknown[]) {
    if (isValidScope(scope)) granted.add(scope);
  }
  if (frozen) GRANTED.set(scopes as readonly unknown[], granted);
  return granted;
}

/** True when `granted` holds every `allOf` scope and at least one scope of each `anyOf` group. */
export function satisfiesScopes(granted: ReadonlySet<string>, requirement: ScopeRequirement): boolean {
  // Loops, not every/some: this runs on every request, and each callback would be a closure to collect.
  for (const scope of requirement.allOf) if (!granted.has(scope)) return false;
  for (const group of requirement.anyOf) if (!holdsAny(granted, group)) return false;
  return true;
}

function holdsAny(granted: ReadonlySet<string>, group: readonly string[]): boolean {
  for (const scope of group) if (granted.has(scope)) return true;
  return false;
}
