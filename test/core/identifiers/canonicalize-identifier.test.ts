import { canonicalizeIdentifier, resolveIdentifierRules } from '../../../src/core/identifiers/canonicalize-identifier';

const rules = resolveIdentifierRules(undefined, 'identifiers');

describe('canonicalizeIdentifier', () => {
  it('accepts canonical numeric ids as strings and safe integers', () => {
    expect(canonicalizeIdentifier('numeric-id', '10002', rules)).toBe('10002');
    expect(canonicalizeIdentifier('numeric-id', 10002, rules)).toBe('10002');
    expect(canonicalizeIdentifier('numeric-id', '0', rules)).toBe('0');
  });

  it.each(['010002', '10002.0', '1e4', '0x2712', '10002\n', ' 10002', '-1', '', '99999999999999999'])('refuses the numeric id %j', (v) => {
    expect(canonicalizeIdentifier('numeric-id', v, rules)).toBeUndefined();
  });

  it.each([[['1', '2']], [{ $ne: '1' }], [1.5], [-3], [Number.MAX_SAFE_INTEGER + 1], [null]])('refuses the numeric id %j', (v) => {
    expect(canonicalizeIdentifier('numeric-id', v, rules)).toBeUndefined();
  });

  it('dispatches every kind', () => {
    expect(canonicalizeIdentifier('email', 'A@Example.com', rules)).toBe('a@example.com');
    expect(canonicalizeIdentifier('phone', '+1 555 123 4567', rules)).toBe('+15551234567');
    expect(canonicalizeIdentifier('username', 'Bob', rules)).toBe('bob');
    expect(canonicalizeIdentifier('opaque', 'Bob', rules)).toBe('Bob');
  });

  it('rejects unknown rule keys', () => {
    expect(() => resolveIdentifierRules({ emails: {} }, 'antiEnumeration.identifiers')).toThrow(/antiEnumeration\.identifiers\.emails/);
  });
});
