import { ALL, isFieldPath, mergeTrees, treeFromPaths, underPath } from '../../../src/core/privilege/field-tree';

const plain = (tree: unknown): unknown => (tree === ALL ? ALL : Object.fromEntries([...(tree as Map<string, unknown>)].map(([k, v]) => [k, plain(v)])));

describe('field trees', () => {
  it('builds a tree from dot paths; a whole field absorbs its sub-paths', () => {
    expect(plain(treeFromPaths(['id', 'address.city', 'address.zip', 'orders']))).toEqual({ id: true, address: { city: true, zip: true }, orders: true });
    expect(plain(treeFromPaths(['address.city', 'address']))).toEqual({ address: true });
  });

  it('merges and nests', () => {
    expect(plain(mergeTrees(treeFromPaths(['a.b']), treeFromPaths(['a.c', 'd'])))).toEqual({ a: { b: true, c: true }, d: true });
    expect(plain(underPath('data.items', treeFromPaths(['id'])))).toEqual({ data: { items: { id: true } } });
  });

  it('validates paths', () => {
    expect(isFieldPath('a.b')).toBe(true);
    for (const bad of ['', '.a', 'a.', 'a..b', '__proto__', 'a.__proto__', 1, 'x'.repeat(1025)]) expect(isFieldPath(bad)).toBe(false);
  });
});
