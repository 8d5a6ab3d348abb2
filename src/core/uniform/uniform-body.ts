import { isPlainObject, optionError } from '../options/validate';

/** A JSON value, as `JSON.stringify` writes it without surprises. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * What a uniform answer's body may be configured as:
 * - a `string`: sent as is, UTF-8, `text/plain; charset=utf-8`;
 * - a `Buffer` / `Uint8Array`: sent as is, `application/octet-stream`;
 * - anything else must be a JSON value (plain objects, arrays, finite numbers, booleans, `null`) and is
 *   sent as `JSON.stringify(body)` in UTF-8, `application/json; charset=utf-8`.
 * A `Content-Type` in the configured headers replaces the default type; the bytes stay the same.
 */
export type UniformBody = string | Uint8Array | JsonValue;

export interface EncodedBody {
  readonly bytes: Buffer;
  readonly contentType: string;
}

const MAX_DEPTH = 32;

/**
 * Serialises the body once, at start-up. Every answer then sends these very bytes, so no branch can
 * change the body by even one byte (key order, number formatting, a `toJSON` that reads state).
 */
export function encodeUniformBody(value: unknown, path: string): EncodedBody {
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8'), contentType: 'text/plain; charset=utf-8' };
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value), contentType: 'application/octet-stream' };
  if (value === undefined) throw optionError(path, 'is required (a JSON value, a string or a Buffer)');
  assertJsonValue(value, path, 0, new Set());
  return { bytes: Buffer.from(JSON.stringify(value), 'utf8'), contentType: 'application/json; charset=utf-8' };
}

/**
 * Rejects what `JSON.stringify` would silently drop or change (`undefined`, functions, `NaN`, class
 * instances with their own `toJSON`), so the bytes sent are the value the developer wrote.
 */
function assertJsonValue(value: unknown, path: string, depth: number, seen: Set<object>): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw optionError(path, 'must be a finite number (JSON has no NaN or Infinity)');
    return;
  }
  if (typeof value !== 'object') throw optionError(path, `must be a JSON value, not a ${typeof value}`);
  if (depth >= MAX_DEPTH) throw optionError(path, `nests deeper than ${MAX_DEPTH} levels`);
  if (seen.has(value)) throw optionError(path, 'is circular');
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => assertJsonValue(item, `${path}[${i}]`, depth + 1, seen));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, `${path}.${key}`, depth + 1, seen);
  } else {
    throw optionError(path, 'must be a plain object, an array or a primitive JSON value');
  }
  seen.delete(value);
}
