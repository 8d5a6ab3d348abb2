import { toAnyAuthenticated } from '../../../src/core/privilege/any-authenticated';

describe('toAnyAuthenticated', () => {
  it('records the reason', () => {
    expect(toAnyAuthenticated({ reason: 'every user reads their own settings' })).toEqual({ reason: 'every user reads their own settings' });
  });

  it.each([[undefined], [{}], [{ reason: '' }], [{ reason: '  ' }], [{ reason: 'x', scopes: [] }], ['because']])('refuses %p: the reason is required', (value) => {
    expect(() => toAnyAuthenticated(value)).toThrow(TypeError);
  });
});
