/**
 * Opaque identifiers (UUIDs, slugs, tokens) are compared exactly as the handler will receive them: no
 * trimming, no case change, so what is counted is what is looked up. Only shape is checked: one string,
 * not empty, bounded, without control characters (a `\n` suffix is a second spelling to many parsers).
 */
const MAX_LENGTH = 1_024;
const CONTROL = /\p{Cc}/u;

export function canonicalizeOpaque(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH || CONTROL.test(value)) return undefined;
  return value;
}
