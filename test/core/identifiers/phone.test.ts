import { canonicalizePhone, resolvePhoneOptions } from '../../../src/core/identifiers/phone';

describe('canonicalizePhone', () => {
  it('reduces every spelling of one number to E.164', () => {
    for (const variant of ['+15551234567', '+1 (555) 123-4567', '+1.555.123.4567', '0015551234567', '00 1 555 123 4567', '＋１５５５１２３４５６７', '+1\u2013555\u2013123\u20134567', '+١٥٥٥١٢٣٤٥٦٧']) {
      expect(canonicalizePhone(variant)).toBe('+15551234567');
    }
  });

  it('refuses national numbers unless a default calling code is configured', () => {
    expect(canonicalizePhone('020 7946 0018')).toBeUndefined();
    const uk = resolvePhoneOptions({ defaultCallingCode: '44' }, 'phone');
    expect(canonicalizePhone('020 7946 0018', uk)).toBe('+442079460018');
    expect(canonicalizePhone('+44 20 7946 0018', uk)).toBe('+442079460018');
    const us = resolvePhoneOptions({ defaultCallingCode: '1', trunkPrefix: '1' }, 'phone');
    expect(canonicalizePhone('(555) 123-4567', us)).toBe('+15551234567');
    expect(canonicalizePhone('1 555 123 4567', us)).toBe('+15551234567');
  });

  it.each([
    ['letters', '+1 555 CALL NOW'],
    ['extension', '+1 555 123 4567 x12'],
    ['ext parameter', '+15551234567;ext=1'],
    ['star', '*123#'],
    ['plus in the middle', '1+5551234567'],
    ['too short', '+123456'],
    ['too long', '+1234567890123456'],
    ['zero country code', '+0123456789'],
    ['not a string', 15551234567],
    ['empty', ''],
    ['huge', '+1'.padEnd(200, '5')],
  ])('refuses %s', (_name, value) => {
    expect(canonicalizePhone(value)).toBeUndefined();
  });

  it('rejects bad options', () => {
    expect(() => resolvePhoneOptions({ defaultCallingCode: '+44' }, 'identifiers.phone')).toThrow(/identifiers\.phone\.defaultCallingCode/);
    expect(() => resolvePhoneOptions({ country: 'GB' }, 'p')).toThrow(/p\.country/);
    expect(() => resolvePhoneOptions({ trunkPrefix: 'x' }, 'p')).toThrow(/p\.trunkPrefix/);
  });
});
