import { parseCanonicalNumericId } from '../identifiers/numeric-id';
import { assertKnownKeys, isPlainObject, optionError } from '../options/validate';
import type { RequestLike } from '../request-like';

/**
 * Identifier parameters are checked before any ownership policy or handler sees them. A policy that
 * compares `params.id` with the caller's id is only as good as the value it compares: `?id=1&id=2`
 * (an array), `id[$ne]=1` (an object, the NoSQL operator trick) or `010002` (a second spelling of 10002
 * that may slip past a string comparison and still hit the row) must be refused, not interpreted.
 */
export type IdKind = 'numeric-id' | 'uuid' | 'opaque';
export type IdSource = 'params' | 'query' | 'body';

/** `'id'` (numeric id, looked up everywhere) or the object form. */
export type IdParamSpec =
  | string
  | {
      /** Parameter name. */
      readonly param: string;
      /** Where it arrives. `'any'` reads path, query and body, and requires every copy to agree. @default 'any' */
      readonly in?: IdSource | 'any';
      /** Canonical form required. @default 'numeric-id' */
      readonly kind?: IdKind;
    };

export interface IdParam {
  readonly param: string;
  readonly in: IdSource | 'any';
  readonly kind: IdKind;
}

export type IdRejectionReason = 'missing' | 'not_single_value' | 'not_canonical' | 'conflicting';

export interface IdRejection {
  readonly param: string;
  readonly source: IdSource | undefined;
  readonly reason: IdRejectionReason;
}

/** Canonical identifier values by parameter name: numbers for `numeric-id`, strings otherwise. */
export type CanonicalIds = Readonly<Record<string, number | string>>;

export type IdCheck = { readonly ok: true; readonly ids: CanonicalIds } | { readonly ok: false; readonly rejection: IdRejection };

const SOURCES: readonly IdSource[] = ['params', 'query', 'body'];
const KINDS: readonly IdKind[] = ['numeric-id', 'uuid', 'opaque'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OPAQUE = /^[A-Za-z0-9_-]{1,128}$/;
const PARAM_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

export function resolveIdParams(value: unknown, path: string): readonly IdParam[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value)) throw optionError(path, 'must be an array of parameter names or { param, in, kind } objects');
  return Object.freeze(value.map((spec: unknown, i) => resolveIdParam(spec, `${path}[${i}]`)));
}

function resolveIdParam(spec: unknown, path: string): IdParam {
  if (typeof spec === 'string') return Object.freeze({ param: paramName(spec, path), in: 'any', kind: 'numeric-id' });
  if (!isPlainObject(spec)) throw optionError(path, 'must be a parameter name or a { param, in, kind } object');
  assertKnownKeys(spec, ['param', 'in', 'kind'], path);
  const source = spec.in ?? 'any';
  if (source !== 'any' && !SOURCES.includes(source as IdSource)) throw optionError(`${path}.in`, `must be one of any, ${SOURCES.join(', ')}`);
  const kind = spec.kind ?? 'numeric-id';
  if (!KINDS.includes(kind as IdKind)) throw optionError(`${path}.kind`, `must be one of ${KINDS.join(', ')}`);
  return Object.freeze({ param: paramName(spec.param, `${path}.param`), in: source as IdSource | 'any', kind: kind as IdKind });
}

function paramName(value: unknown, path: string): string {
  if (typeof value !== 'string' || !PARAM_NAME.test(value) || value === '__proto__') throw optionError(path, 'must be a parameter name');
  return value;
}

/** The canonical value, or undefined when the raw value is not exactly in canonical form. */
function canonical(raw: unknown, kind: IdKind, source: IdSource): number | string | undefined {
  // A JSON body carries typed numbers: a non-negative safe integer is already canonical.
  if (kind === 'numeric-id' && source === 'body' && typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  if (kind === 'numeric-id') return parseCanonicalNumericId(raw);
  return (kind === 'uuid' ? UUID : OPAQUE).test(raw) ? raw : undefined;
}

function container(req: RequestLike, source: IdSource): unknown {
  return source === 'params' ? req.params : source === 'query' ? req.query : req.body;
}

function ownValue(holder: unknown, name: string): { readonly present: boolean; readonly value?: unknown } {
  if (holder === null || typeof holder !== 'object' || !Object.prototype.hasOwnProperty.call(holder, name)) return { present: false };
  return { present: true, value: (holder as Record<string, unknown>)[name] };
}

function checkOne(req: RequestLike, spec: IdParam): { value: number | string } | IdRejection {
  const sources = spec.in === 'any' ? SOURCES : [spec.in];
  let found: { value: number | string; source: IdSource } | undefined;
  for (const source of sources) {
    const own = ownValue(container(req, source), spec.param);
    if (!own.present) continue;
    const raw = own.value;
    if (raw === null || typeof raw === 'object') return { param: spec.param, source, reason: 'not_single_value' };
    const value = canonical(raw, spec.kind, source);
    if (value === undefined) return { param: spec.param, source, reason: 'not_canonical' };
    // Two copies that disagree (`/customers/1?id=2`) would let the policy check one and the handler use the other.
    if (found !== undefined && found.value !== value) return { param: spec.param, source, reason: 'conflicting' };
    found = { value, source };
  }
  return found === undefined ? { param: spec.param, source: spec.in === 'any' ? undefined : spec.in, reason: 'missing' } : { value: found.value };
}

/** Checks every declared identifier parameter; the first bad one is reported. */
export function checkIdParams(req: RequestLike, specs: readonly IdParam[]): IdCheck {
  const ids: Record<string, number | string> = Object.create(null) as Record<string, number | string>;
  for (const spec of specs) {
    const result = checkOne(req, spec);
    if ('reason' in result) return { ok: false, rejection: result };
    ids[spec.param] = result.value;
  }
  return { ok: true, ids: Object.freeze(ids) };
}
