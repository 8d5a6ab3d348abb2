import { RedisBudgetStore } from '../../../../src/core/enumeration/redis/redis-budget-store';

/*
 * RedisBudgetStore is exported for code that builds the store itself: it must refuse what the
 * `antiEnumeration.store` option refuses, before it opens any connection.
 */
describe('RedisBudgetStore options', () => {
  it.each(['apiward:{ae}', 'apiward:}', 'api ward', 'apiward:\t'])('refuses the key prefix %j with a TypeError naming it', (keyPrefix) => {
    // Port 1: nothing listens there, and the check must come before any connection attempt anyway.
    const build = () => new RedisBudgetStore({ url: 'redis://127.0.0.1:1', keyPrefix, commandTimeoutMs: 50, connectTimeoutMs: 50 });
    expect(build).toThrow(TypeError);
    expect(build).toThrow('"RedisBudgetStore.keyPrefix" must not contain braces or whitespace');
  });
});
