import { ALL, type FieldNode, type FieldTree } from './field-tree';

/** Deeper values are dropped: a handler's result is never legitimately this deep, a cycle-like graph may be. */
export const MAX_EXPOSURE_DEPTH = 64;

const DROP: unique symbol = Symbol('drop');
type Out = unknown | typeof DROP;

/**
 * Values kept as they are when allowed whole, and never looked into: their JSON form is not made of their
 * own enumerable fields (a `Date` serialises through `toJSON`, a `Buffer` as its bytes). A path that tries
 * to select *inside* one of them (`createdAt.year`) selects nothing.
 */
function isOpaque(value: object): boolean {
  return (
    value instanceof Date ||
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof RegExp
  );
}

function ownEnumerable(value: object, key: string): { ok: true; value: unknown } | { ok: false } {
  if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, key)) return { ok: false };
  try {
    return { ok: true, value: (value as Record<string, unknown>)[key] };
  } catch {
    return { ok: false };
  }
}

/**
 * What `JSON.stringify` would serialise: it calls `toJSON` first (an ORM entity, a Decimal). Filtering
 * that view, not the object's internals, is what removes fields from the wire. A throwing `toJSON` drops
 * the value.
 */
function jsonView(value: unknown): Out {
  if (value === null || typeof value !== 'object' || isOpaque(value)) return value;
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON !== 'function') return value;
  try {
    return toJSON.call(value) as unknown;
  } catch {
    return DROP;
  }
}

/** The projection of one value onto one node of the allow-list. */
function project(raw: unknown, node: FieldNode, depth: number, ancestors: Set<object>): Out {
  if (depth > MAX_EXPOSURE_DEPTH) return DROP;
  const value = jsonView(raw);
  if (value === DROP || value === undefined || typeof value === 'function' || typeof value === 'symbol') return DROP;
  if (value === null) return null;
  if (typeof value !== 'object') return node === ALL ? value : DROP;
  if (isOpaque(value)) return node === ALL ? value : DROP;
  // A cycle is dropped where it closes; a value shared by two branches (not a cycle) is copied twice.
  if (ancestors.has(value)) return DROP;
  ancestors.add(value);
  try {
    return Array.isArray(value) ? projectArray(value, node, depth, ancestors) : projectObject(value, node, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

/** Arrays are transparent: the node applies to each element (`items.name` keeps each item's `name`). */
function projectArray(value: readonly unknown[], node: FieldNode, depth: number, ancestors: Set<object>): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const projected = project(value[i], node, depth + 1, ancestors);
    if (projected !== DROP) out.push(projected);
  }
  return out;
}

function projectObject(value: object, node: FieldNode, depth: number, ancestors: Set<object>): Record<string, unknown> {
  // A plain object: the output never inherits anything and never carries an own `__proto__` key.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const child = node === ALL ? ALL : (node as FieldTree).get(key);
    if (child === undefined) continue;
    const own = ownEnumerable(value, key);
    if (!own.ok) continue;
    const projected = project(own.value, child, depth + 1, ancestors);
    if (projected !== DROP) out[key] = projected;
  }
  return out;
}

/**
 * Keeps only the allowed fields of whatever a handler returned: an object, an array of objects, nested
 * objects and arrays. It is an allow-list: a field not named is removed, so a column added to the table
 * tomorrow does not leak. Pure; never throws; never mutates its input.
 *
 * - A primitive or `null` returned at the top level is returned unchanged (it has no fields).
 * - `Date`, `Buffer` / typed arrays, `Map`, `Set` and `RegExp` are kept whole when their field is allowed
 *   whole, and dropped when a path tries to select inside them.
 * - Objects with `toJSON` are filtered on what `toJSON` returns, as `JSON.stringify` would serialise it.
 * - Cycles are cut where they close; values deeper than `MAX_EXPOSURE_DEPTH` are dropped; getters that
 *   throw and `__proto__` keys are never copied; only own enumerable string keys are read.
 */
export function exposeFields(value: unknown, tree: FieldTree): unknown {
  if (value === null || typeof value !== 'object') return value;
  try {
    const projected = project(value, tree, 0, new Set());
    return projected === DROP ? undefined : projected;
  } catch {
    // Only a hostile Proxy gets here; sending nothing is the closed answer.
    return undefined;
  }
}
