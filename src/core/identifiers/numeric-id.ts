/**
 * Canonical numeric identifiers. Optus-style walks and parameter pollution hide behind lenient parsing:
 * `010002`, `10002.0`, `1e4`, `0x2712` and `10002\n` all "mean" 10002 to `Number()` or `parseInt`, and
 * `?id=1&id=2` or `id[$ne]=1` arrive as arrays or objects. Only the one canonical spelling is accepted:
 * ASCII digits, no sign, no leading zero (except "0" itself), at most 16 digits so it stays a safe integer.
 * Anything else is refused (400) before any policy or handler runs.
 */
const CANONICAL = /^(0|[1-9][0-9]{0,15})$/;

/** The canonical numeric id as a number, or `undefined` when the value is not exactly canonical. */
export function parseCanonicalNumericId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !CANONICAL.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** True when the value is a single string in canonical numeric form. */
export function isCanonicalNumericId(value: unknown): value is string {
  return parseCanonicalNumericId(value) !== undefined;
}
