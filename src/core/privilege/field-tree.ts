/**
 * An allow-list of field paths as a tree: `['id', 'address.city']` becomes
 * `{ id: ALL, address: { city: ALL } }`. `ALL` keeps the whole value below that field.
 */
export const ALL = true;
export type FieldNode = typeof ALL | FieldTree;
export type FieldTree = ReadonlyMap<string, FieldNode>;

/** A path segment may be anything except empty or `__proto__` (which must never be copied). */
function segments(path: string): string[] | undefined {
  const parts = path.split('.');
  return parts.every((part) => part !== '' && part !== '__proto__') ? parts : undefined;
}

export function isFieldPath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 1024 && segments(value) !== undefined;
}

export function treeFromPaths(paths: readonly string[]): FieldTree {
  let tree: FieldTree = new Map();
  for (const path of paths) tree = mergeTrees(tree, nest(segments(path) ?? [], ALL));
  return tree;
}

function nest(parts: readonly string[], leaf: FieldNode): FieldTree {
  let node: FieldNode = leaf;
  for (let i = parts.length - 1; i >= 0; i -= 1) node = new Map([[parts[i] as string, node]]);
  return node === ALL ? new Map() : node;
}

/** Puts `tree` under `prefix` (`within: 'data'` shifts every field below `data`). */
export function underPath(prefix: string, tree: FieldTree): FieldTree {
  return nest(segments(prefix) ?? [], tree);
}

/** The union of two allow-lists: a field allowed whole on either side stays whole. */
export function mergeTrees(a: FieldTree, b: FieldTree): FieldTree {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const merged = new Map(a);
  for (const [key, node] of b) {
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? node : existing === ALL || node === ALL ? ALL : mergeTrees(existing, node));
  }
  return merged;
}
