/**
 * A JSON-safe description of a declaration for the inventory, for protections whose shapes the inventory
 * does not know field by field. Functions become their names, class instances their class names, and
 * fields that look like secrets are left out: the inventory is meant to be logged and served.
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const SECRET_LIKE = /secret|password|private|hmac|credential/i;
const MAX_DEPTH = 4;

export function jsonSummary(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'function') return `[function ${value.name === '' ? '(anonymous)' : value.name}]`;
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item: unknown) => jsonSummary(item, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    return `[${typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'object'}]`;
  }
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || SECRET_LIKE.test(key) || item === undefined) continue;
    out[key] = jsonSummary(item, depth + 1);
  }
  return out;
}
