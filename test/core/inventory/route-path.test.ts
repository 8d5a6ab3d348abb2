import { composeRoutePath } from '../../../src/core/inventory/route-path';

describe('composeRoutePath', () => {
  it.each([
    [['api', 'v1', '/customers/', ':id'], '/api/v1/customers/:id'],
    [['/api/', undefined, 'customers', '/'], '/api/customers'],
    [['', '', '/'], '/'],
    [[undefined, 'health'], '/health'],
    [['//api//', '//x'], '/api/x'],
  ])('%j -> %s', (pieces, expected) => {
    expect(composeRoutePath(...pieces)).toBe(expected);
  });
});
