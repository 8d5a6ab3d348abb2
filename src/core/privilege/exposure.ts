import { assertKnownKeys, assertObject, optionError } from '../options/validate';
import { exposeFields } from './expose-fields';
import { isFieldPath, mergeTrees, treeFromPaths, underPath, type FieldTree } from './field-tree';
import { isValidScope } from '../auth/scopes';

/**
 * `ExposeFields(...)`: the fields a route may send, by scope (excessive data exposure, threat model §2: the
 * Optus records carried identity document numbers every caller could read).
 *
 * Paths are dot-separated (`address.city`); arrays are transparent (`orders.total` keeps `total` in each
 * element of `orders`); naming a field keeps it whole (`address` keeps every sub-field).
 */
export interface ExposeFieldsOptions {
  /** Fields every caller of the route may see. */
  readonly base: readonly string[];
  /** Extra fields per scope, added when the principal holds the scope. @default {} */
  readonly byScope?: Readonly<Record<string, readonly string[]>>;
  /**
   * Where the records sit inside an envelope (`'data'` for `{ data: [...], total }`). `base` and `byScope`
   * then apply below it. @default undefined (the handler returns the records themselves)
   */
  readonly within?: string;
  /** Envelope fields kept whole next to `within` (`['total', 'nextCursor']`). @default [] */
  readonly envelope?: readonly string[];
}

/** The validated declaration stored on the route. */
export interface ExposureDeclaration {
  readonly base: readonly string[];
  readonly byScope: Readonly<Record<string, readonly string[]>>;
  readonly within: string | undefined;
  readonly envelope: readonly string[];
  /** The allow-list for a caller with none of the `byScope` scopes. */
  readonly baseTree: FieldTree;
  readonly scopeTrees: ReadonlyMap<string, FieldTree>;
}

function paths(value: unknown, path: string): readonly string[] {
  if (!Array.isArray(value) || !value.every(isFieldPath)) {
    throw optionError(path, 'must be an array of dot-separated field paths (no empty segment, no __proto__)');
  }
  return Object.freeze([...(value as string[])]);
}

export function toExposureDeclaration(value: unknown, path = 'ExposeFields'): ExposureDeclaration {
  const o = assertObject(value, path);
  assertKnownKeys(o, ['base', 'byScope', 'within', 'envelope'], path);
  const base = paths(o.base, `${path}.base`);
  const byScope: Record<string, readonly string[]> = {};
  for (const [scope, fields] of Object.entries(o.byScope === undefined ? {} : assertObject(o.byScope, `${path}.byScope`))) {
    if (!isValidScope(scope)) throw optionError(`${path}.byScope.${scope}`, 'must be keyed by a scope-token');
    byScope[scope] = paths(fields, `${path}.byScope.${scope}`);
  }
  if (o.within !== undefined && !isFieldPath(o.within)) throw optionError(`${path}.within`, 'must be a dot-separated field path');
  const within = o.within as string | undefined;
  const envelope = o.envelope === undefined ? Object.freeze([]) : paths(o.envelope, `${path}.envelope`);
  if (envelope.length > 0 && within === undefined) throw optionError(`${path}.envelope`, 'needs `within` (the envelope field holding the records)');
  // An envelope field that contains (or sits inside) the records would keep them whole, unfiltered.
  const overlapping = envelope.find((field) => within !== undefined && (field === within || within.startsWith(`${field}.`) || field.startsWith(`${within}.`)));
  if (overlapping !== undefined) throw optionError(`${path}.envelope`, `must not contain "${overlapping}", which overlaps \`within\``);
  const place = (tree: FieldTree): FieldTree => (within === undefined ? tree : underPath(within, tree));
  const scopeTrees = new Map<string, FieldTree>();
  for (const [scope, fields] of Object.entries(byScope)) scopeTrees.set(scope, place(treeFromPaths(fields)));
  return Object.freeze({
    base,
    byScope: Object.freeze(byScope),
    within,
    envelope,
    baseTree: mergeTrees(treeFromPaths(envelope), place(treeFromPaths(base))),
    scopeTrees,
  });
}

// Merged allow-lists per declaration and combination of matching scopes. The key space is bounded by the
// declaration's own `byScope` keys (a token's other scopes do not enter the key), and capped anyway.
const cache = new WeakMap<ExposureDeclaration, Map<string, FieldTree>>();
const MAX_CACHED_COMBINATIONS = 256;

/** The allow-list for a principal holding `granted` scopes. */
export function allowedFields(declaration: ExposureDeclaration, granted: ReadonlySet<string>): FieldTree {
  const matching = [...declaration.scopeTrees.keys()].filter((scope) => granted.has(scope));
  if (matching.length === 0) return declaration.baseTree;
  const key = matching.join(' ');
  let perDeclaration = cache.get(declaration);
  const cached = perDeclaration?.get(key);
  if (cached !== undefined) return cached;
  let tree = declaration.baseTree;
  for (const scope of matching) tree = mergeTrees(tree, declaration.scopeTrees.get(scope) as FieldTree);
  if (perDeclaration === undefined) cache.set(declaration, (perDeclaration = new Map()));
  if (perDeclaration.size >= MAX_CACHED_COMBINATIONS) perDeclaration.clear();
  perDeclaration.set(key, tree);
  return tree;
}

/** Filters a handler's result for a principal's scopes (`granted` empty for an anonymous caller). */
export function applyExposure(value: unknown, declaration: ExposureDeclaration, granted: ReadonlySet<string>): unknown {
  return exposeFields(value, allowedFields(declaration, granted));
}
