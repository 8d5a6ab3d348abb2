import { canonicalizeUsername, resolveUsernameOptions } from '../../../src/core/identifiers/username';

describe('canonicalizeUsername', () => {
  it('folds case and compatibility forms, trims', () => {
    expect(canonicalizeUsername(' Alice ')).toBe('alice');
    expect(canonicalizeUsername('ＡＬＩＣＥ')).toBe('alice');
    expect(canonicalizeUsername('Alice', resolveUsernameOptions({ caseFold: false }, 'u'))).toBe('Alice');
  });

  it.each([['empty', '   '], ['zero-width joiner', 'al\u200dice'], ['newline', 'al\nice'], ['object', { $ne: 1 }], ['too long', 'a'.repeat(257)]])('refuses %s', (_n, v) => {
    expect(canonicalizeUsername(v)).toBeUndefined();
  });
});
