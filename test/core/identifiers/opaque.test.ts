import { canonicalizeOpaque } from '../../../src/core/identifiers/opaque';

describe('canonicalizeOpaque', () => {
  it('keeps the value exactly', () => {
    expect(canonicalizeOpaque('AbC-123_x')).toBe('AbC-123_x');
    expect(canonicalizeOpaque(' a ')).toBe(' a ');
  });

  it.each([['empty', ''], ['newline suffix', 'abc\n'], ['array', ['a']], ['too long', 'a'.repeat(1025)]])('refuses %s', (_n, v) => {
    expect(canonicalizeOpaque(v)).toBeUndefined();
  });
});
