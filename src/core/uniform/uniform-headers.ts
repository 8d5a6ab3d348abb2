import { assertObject, optionError } from '../options/validate';

/** One response header: lower-case name, exact value. */
export type HeaderPair = readonly [name: string, value: string];

// RFC 9110 §5.1: a field name is a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 9110 §5.5: visible ASCII, spaces and tabs inside, no CR/LF/NUL (header injection), no edge whitespace.
const FIELD_VALUE = /^(?:[\x21-\x7e](?:[\x20\x21-\x7e\t]*[\x21-\x7e])?)?$/;

/**
 * Headers that cannot be part of a fixed answer:
 * - framing, computed from the body or owned by the HTTP layer (`content-length`, `transfer-encoding`,
 *   `connection`, …): a configured value could contradict the bytes actually sent;
 * - headers that are by nature per response or per branch (`set-cookie`, `etag`, `last-modified`, `date`):
 *   the point of this answer is that nothing in it varies with the branch taken;
 * - `content-encoding`: the configured body is sent unencoded.
 */
const FORBIDDEN: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'trailer',
  'te',
  'date',
  'set-cookie',
  'set-cookie2',
  'etag',
  'last-modified',
  'content-encoding',
]);

/**
 * Validates the configured headers and returns them as lower-case name/value pairs, in the order given.
 * Two spellings of one name (`X-A` and `x-a`) are refused: which one wins would be up to the framework.
 */
export function resolveUniformHeaders(value: unknown, path: string): readonly HeaderPair[] {
  if (value === undefined) return Object.freeze([]);
  const o = assertObject(value, path);
  const seen = new Set<string>();
  const pairs: HeaderPair[] = [];
  for (const [name, headerValue] of Object.entries(o)) {
    const where = `${path}.${name}`;
    if (!TOKEN.test(name)) throw optionError(where, 'is not a valid header name (RFC 9110 token)');
    const lower = name.toLowerCase();
    if (FORBIDDEN.has(lower)) throw optionError(where, 'cannot be configured: it is computed by the HTTP layer or varies per response');
    if (seen.has(lower)) throw optionError(where, 'is given twice (header names are case-insensitive)');
    if (typeof headerValue !== 'string' || !FIELD_VALUE.test(headerValue)) {
      throw optionError(where, 'must be a string of visible ASCII characters, spaces and tabs, without leading or trailing whitespace');
    }
    seen.add(lower);
    pairs.push(Object.freeze([lower, headerValue] as const));
  }
  return Object.freeze(pairs);
}
