/**
 * Scope tokens (RFC 6749 §3.3 `NQCHAR`: printable ASCII without `"` and `\`), further without commas.
 * A value with whitespace, NUL, a comma or anything non-ASCII grants nothing: `"orders:read admin"` inside
 * an array element, or `"admin,orders:read"`, would otherwise read differently to code that splits on
 * spaces or commas, and Unicode look-alikes could pass a visual review.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]+$/;

export function isValidScope(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 256 && SCOPE_TOKEN.test(value);
}

/** Adds the valid scopes of one claim value: a space-delimited string, or an array of single scopes. */
function collect(value: unknown, out: string[], allowString: boolean, allowArray: boolean): void {
  if (typeof value === 'string' && allowString) {
    for (const part of value.split(' ')) if (isValidScope(part) && !out.includes(part)) out.push(part);
  } else if (Array.isArray(value) && allowArray) {
    for (const part of value as unknown[]) if (isValidScope(part) && !out.includes(part)) out.push(part);
  }
}

/**
 * The scopes a JWT grants. With `scopeClaim`, that one claim (string or array). By default the union of
 * `scope` (space-delimited string, RFC 8693 §4.2), `scp` (array or string) and `permissions` (array).
 * `claims` has a null prototype, so a `__proto__` claim cannot supply an inherited `scope`.
 */
export function scopesFromClaims(claims: Readonly<Record<string, unknown>>, scopeClaim: string | undefined): readonly string[] {
  const out: string[] = [];
  if (scopeClaim !== undefined) {
    collect(claims[scopeClaim], out, true, true);
  } else {
    collect(claims.scope, out, true, false);
    collect(claims.scp, out, true, true);
    collect(claims.permissions, out, false, true);
  }
  return Object.freeze(out);
}

/** Valid scopes from an application-provided list (API key records); invalid entries are dropped. */
export function validScopes(values: readonly unknown[] | undefined): readonly string[] {
  const out: string[] = [];
  if (values !== undefined) collect(values, out, false, true);
  return Object.freeze(out);
}
