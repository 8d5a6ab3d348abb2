import { exposeFields, MAX_EXPOSURE_DEPTH } from '../../../src/core/privilege/expose-fields';
import { treeFromPaths } from '../../../src/core/privilege/field-tree';

const fields = (...paths: string[]) => treeFromPaths(paths);

describe('exposeFields', () => {
  it('keeps only the allowed fields of an object', () => {
    expect(exposeFields({ id: 1, name: 'A', passwordHash: 'x', ssn: '1' }, fields('id', 'name'))).toEqual({ id: 1, name: 'A' });
  });

  it('filters every element of an array', () => {
    expect(exposeFields([{ id: 1, secret: 1 }, { id: 2, secret: 2 }], fields('id'))).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('selects nested paths and traverses arrays of objects', () => {
    const row = { id: 1, address: { city: 'Sydney', street: '1 Main St' }, orders: [{ total: 5, card: '4111' }, { total: 7, card: '5500' }] };
    expect(exposeFields(row, fields('id', 'address.city', 'orders.total'))).toEqual({ id: 1, address: { city: 'Sydney' }, orders: [{ total: 5 }, { total: 7 }] });
  });

  it('keeps a field named whole with everything below it', () => {
    expect(exposeFields({ address: { city: 'S', geo: { lat: 1 } }, x: 1 }, fields('address', 'address.city'))).toEqual({ address: { city: 'S', geo: { lat: 1 } } });
  });

  it('returns primitives and null at the top level unchanged', () => {
    expect(exposeFields('ok', fields('id'))).toBe('ok');
    expect(exposeFields(3, fields('id'))).toBe(3);
    expect(exposeFields(null, fields('id'))).toBeNull();
    expect(exposeFields(undefined, fields('id'))).toBeUndefined();
  });

  it('keeps null where a structure was allowed, drops primitives where only sub-fields were', () => {
    expect(exposeFields({ address: null, tags: 'x' }, fields('address.city', 'tags.name'))).toEqual({ address: null });
  });

  it('keeps Dates and Buffers whole, and never selects inside them', () => {
    const when = new Date('2024-01-02T03:04:05Z');
    const bytes = Buffer.from('hi');
    const out = exposeFields({ createdAt: when, avatar: bytes, dob: when }, fields('createdAt', 'avatar', 'dob.year')) as Record<string, unknown>;
    expect(out.createdAt).toBe(when);
    expect(out.avatar).toBe(bytes);
    expect('dob' in out).toBe(false);
    expect(JSON.stringify(out)).toBe('{"createdAt":"2024-01-02T03:04:05.000Z","avatar":{"type":"Buffer","data":[104,105]}}');
  });

  it('cuts cycles instead of crashing, and copies shared (acyclic) values', () => {
    const node: Record<string, unknown> = { id: 1, secret: 's' };
    node.self = node;
    node.children = [node];
    expect(exposeFields(node, fields('id', 'self', 'children'))).toEqual({ id: 1, children: [] });
    const shared = { city: 'S' };
    expect(exposeFields({ home: shared, work: shared }, fields('home', 'work'))).toEqual({ home: { city: 'S' }, work: { city: 'S' } });
  });

  it('never copies a __proto__ key and never reads inherited fields', () => {
    const hostile = JSON.parse('{"id":1,"__proto__":{"isAdmin":true}}') as Record<string, unknown>;
    const out = exposeFields(hostile, treeFromPaths(['id'])) as Record<string, unknown>;
    expect(out).toEqual({ id: 1 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { isAdmin?: unknown }).isAdmin).toBeUndefined();
    const whole = exposeFields({ meta: hostile }, fields('meta')) as { meta: Record<string, unknown> };
    expect(Object.keys(whole.meta)).toEqual(['id']);
    expect(Object.getPrototypeOf(whole.meta)).toBe(Object.prototype);
    const inherited = Object.create({ passportNumber: 'P1' }) as Record<string, unknown>;
    inherited.id = 1;
    expect(exposeFields(inherited, fields('id', 'passportNumber', 'toString'))).toEqual({ id: 1 });
  });

  it('handles null-prototype input', () => {
    const row = Object.assign(Object.create(null) as Record<string, unknown>, { id: 1, ssn: 'x' });
    expect(exposeFields(row, fields('id'))).toEqual({ id: 1 });
  });

  it('filters what toJSON returns (ORM entities), and drops a throwing toJSON', () => {
    class Entity {
      constructor(private readonly row: Record<string, unknown>) {}
      toJSON(): Record<string, unknown> {
        return this.row;
      }
    }
    expect(exposeFields(new Entity({ id: 1, ssn: 'x' }), fields('id'))).toEqual({ id: 1 });
    const broken = { id: 1, nested: { toJSON: () => { throw new Error('boom'); } } };
    expect(exposeFields(broken, fields('id', 'nested'))).toEqual({ id: 1 });
  });

  it('filters class instances on their own enumerable fields', () => {
    class Customer {
      id = 1;
      passportNumber = 'P1';
      get display(): string {
        return 'x';
      }
    }
    expect(exposeFields(new Customer(), fields('id', 'display'))).toEqual({ id: 1 });
  });

  it('drops getters that throw, functions and symbols', () => {
    const row = {
      id: 1,
      get bad(): unknown {
        throw new Error('lazy load failed');
      },
      fn: () => 1,
      sym: Symbol('s'),
    };
    expect(exposeFields(row, fields('id', 'bad', 'fn', 'sym'))).toEqual({ id: 1 });
  });

  it('drops values deeper than the limit', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < MAX_EXPOSURE_DEPTH + 5; i += 1) deep = { d: deep };
    const out = JSON.stringify(exposeFields(deep, fields('d')));
    expect(out).not.toContain('leaf');
  });

  it('does not mutate its input', () => {
    const row = { id: 1, secret: 's', nested: { a: 1, b: 2 } };
    const copy = structuredClone(row);
    exposeFields(row, fields('id', 'nested.a'));
    expect(row).toEqual(copy);
  });

  it('returns undefined (sends nothing) when a hostile proxy throws', () => {
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(exposeFields(proxy, fields('id'))).toBeUndefined();
  });
});
