import type { ScopeRequirement } from './scope-requirement';
import { isValidScope } from '../auth/scopes';

/**
 * The scopes a principal really holds. The authenticator already validates them; this is a second,
 * independent filter so a malformed value (not a string, whitespace, NUL, comma) can never match a
 * declared scope even if it reached the principal some other way (a custom API key lookup, a test double).
 */
export function grantedScopes(scopes: unknown): ReadonlySet<string> {
  const granted = new Set<string>();
  if (!Array.isArray(scopes)) return granted;
  for (const scope of scopes as readonly unknown[]) {
    if (isValidScope(scope)) granted.add(scope);
  }
  return granted;
}

/** True when `granted` holds every `allOf` scope and at least one scope of each `anyOf` group. */
export function satisfiesScopes(granted: ReadonlySet<string>, requirement: ScopeRequirement): boolean {
  return requirement.allOf.every((scope) => granted.has(scope)) && requirement.anyOf.every((group) => group.some((scope) => granted.has(scope)));
}
