import { jsonSummary } from '../../../src/core/inventory/json-summary';

describe('jsonSummary', () => {
  it('keeps data, names functions and classes, drops secret-looking fields', () => {
    class Store {}
    function identify(): string {
      return '';
    }
    expect(
      jsonSummary({ kind: 'email', budgets: [{ limit: 5, windowMs: 60_000 }], identifier: identify, store: new Store(), hashSecret: 'k', password: 'p', n: Infinity, skip: undefined }),
    ).toEqual({ kind: 'email', budgets: [{ limit: 5, windowMs: 60_000 }], identifier: '[function identify]', store: '[Store]', n: 'Infinity' });
  });

  it('is bounded in depth and never copies __proto__', () => {
    expect(jsonSummary({ a: { b: { c: { d: { e: 1 } } } } })).toEqual({ a: { b: { c: { d: '[…]' } } } });
    expect(jsonSummary(JSON.parse('{"__proto__":{"x":1},"y":2}'))).toEqual({ y: 2 });
  });
});
