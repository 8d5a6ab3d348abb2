import { IDENTIFIER_KINDS, type IdentifierKind } from '../identifiers/canonicalize-identifier';
import { assertKnownKeys, isPlainObject, optionError } from '../options/validate';
import type { RequestLike } from '../request-like';

/**
 * Where a route's identifier arrives: `'param:id'`, `'query:email'`, `'body:phone'` (one level, own
 * properties only), or a function of the request for anything else.
 */
export type IdentifierSource = `param:${string}` | `query:${string}` | `body:${string}` | ((req: RequestLike) => unknown);

/** One of several accepted identifiers (`?email=` or `?phone=`): exactly one may be present per request. */
export interface IdentifierSpec {
  readonly from: IdentifierSource;
  readonly kind: IdentifierKind;
}

export type IdentifierLocation = { readonly in: 'params' | 'query' | 'body'; readonly name: string };

export interface ResolvedIdentifier {
  readonly kind: IdentifierKind;
  /** A location the adapter can write the canonical value back to, or the extractor function. */
  readonly from: IdentifierLocation | ((req: RequestLike) => unknown);
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const PREFIXES: Readonly<Record<string, IdentifierLocation['in']>> = { param: 'params', query: 'query', body: 'body' };

export function resolveIdentifiers(identifier: unknown, kind: unknown, path: string): readonly ResolvedIdentifier[] | undefined {
  if (identifier === undefined) {
    if (kind !== undefined) throw optionError(`${path}.kind`, 'needs an identifier');
    return undefined;
  }
  if (Array.isArray(identifier)) {
    if (kind !== undefined) throw optionError(`${path}.kind`, 'goes inside each { from, kind } when identifier is a list');
    if (identifier.length === 0) throw optionError(`${path}.identifier`, 'must not be empty');
    return Object.freeze(
      identifier.map((spec: unknown, i) => {
        const where = `${path}.identifier[${i}]`;
        if (!isPlainObject(spec)) throw optionError(where, 'must be a { from, kind } object');
        assertKnownKeys(spec, ['from', 'kind'], where);
        return resolveOne(spec.from, spec.kind ?? 'opaque', where);
      }),
    );
  }
  return Object.freeze([resolveOne(identifier, kind ?? 'opaque', path)]);
}

function resolveOne(from: unknown, kind: unknown, path: string): ResolvedIdentifier {
  if (typeof kind !== 'string' || !IDENTIFIER_KINDS.includes(kind as IdentifierKind)) {
    throw optionError(`${path}.kind`, `must be one of ${IDENTIFIER_KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  const k = kind as IdentifierKind;
  if (typeof from === 'function') return Object.freeze({ kind: k, from: from as (req: RequestLike) => unknown });
  const where = path.endsWith(']') ? `${path}.from` : `${path}.identifier`;
  if (typeof from !== 'string') throw optionError(where, "must be 'param:<name>', 'query:<name>', 'body:<name>' or a function of the request");
  const colon = from.indexOf(':');
  const location = PREFIXES[from.slice(0, colon)];
  const name = from.slice(colon + 1);
  if (colon === -1 || location === undefined || !NAME.test(name) || RESERVED.has(name)) {
    throw optionError(where, "must be 'param:<name>', 'query:<name>', 'body:<name>' or a function of the request");
  }
  return Object.freeze({ kind: k, from: Object.freeze({ in: location, name }) });
}

/** The raw value (own property only: `__proto__` tricks read nothing), `undefined` when absent. */
export function readIdentifier(req: RequestLike, from: ResolvedIdentifier['from']): unknown {
  if (typeof from === 'function') return from(req);
  const container: unknown = from.in === 'params' ? req.params : from.in === 'query' ? req.query : req.body;
  if (container === null || typeof container !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(container, from.name) ? (container as Record<string, unknown>)[from.name] : undefined;
}
