import { canonicalizeEmail, resolveEmailOptions } from '../../../src/core/identifiers/email';

describe('canonicalizeEmail', () => {
  it('trims, folds case and compatibility forms', () => {
    expect(canonicalizeEmail('  Victim@Example.COM ')).toBe('victim@example.com');
    expect(canonicalizeEmail('ｖｉｃｔｉｍ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('victim@example.com');
    expect(canonicalizeEmail('victim@example.com.')).toBe('victim@example.com');
    expect(canonicalizeEmail('\u3000victim@example.com\u3000')).toBe('victim@example.com');
  });

  it('applies the Gmail rules by default: dots, +tags, googlemail.com', () => {
    for (const variant of ['j.doe@gmail.com', 'J.D.O.E+news@Gmail.com', 'jdoe+a+b@googlemail.com', 'jdoe@GOOGLEMAIL.COM']) {
      expect(canonicalizeEmail(variant)).toBe('jdoe@gmail.com');
    }
  });

  it('keeps dots and tags for other providers unless configured', () => {
    expect(canonicalizeEmail('j.doe+x@example.com')).toBe('j.doe+x@example.com');
    const everywhere = resolveEmailOptions({ stripPlusTagEverywhere: true }, 'email');
    expect(canonicalizeEmail('j.doe+x@example.com', everywhere)).toBe('j.doe@example.com');
    const custom = resolveEmailOptions({ providers: { 'example.com': { ignoreDots: true } } }, 'email');
    expect(canonicalizeEmail('j.doe+x@example.com', custom)).toBe('jdoe+x@example.com');
    expect(canonicalizeEmail('j.doe+x@gmail.com', custom)).toBe('j.doe+x@gmail.com');
  });

  it('converts internationalised domains to their ASCII form', () => {
    expect(canonicalizeEmail('a@Bücher.de')).toBe('a@xn--bcher-kva.de');
    expect(canonicalizeEmail('a@xn--bcher-kva.de')).toBe('a@xn--bcher-kva.de');
  });

  it.each([
    ['not a string', 42],
    ['array', ['a@example.com']],
    ['empty', ''],
    ['no at', 'example.com'],
    ['two ats', 'a@b@example.com'],
    ['empty local', '@example.com'],
    ['no dot in domain', 'a@localhost'],
    ['ip literal', 'a@[127.0.0.1]'],
    ['numeric domain', 'a@1.2.3.4'],
    ['space inside', 'a b@example.com'],
    ['zero-width space', 'a\u200b@example.com'],
    ['control character', 'a\n@example.com'],
    ['quoted local part', '"a"@example.com'],
    ['leading dot', '.a@example.com'],
    ['double dot', 'a..b@example.com'],
    ['only a tag', '+tag@gmail.com'],
    ['too long', `${'a'.repeat(65)}@example.com`],
    ['huge', `${'a'.repeat(5000)}@example.com`],
  ])('refuses %s', (_name, value) => {
    expect(canonicalizeEmail(value)).toBeUndefined();
  });

  it('rejects bad options naming the path', () => {
    expect(() => resolveEmailOptions({ provider: {} }, 'identifiers.email')).toThrow(/identifiers\.email\.provider/);
    expect(() => resolveEmailOptions({ providers: { 'Gmail.com': {} } }, 'e')).toThrow(/e\.providers\.Gmail\.com/);
    expect(() => resolveEmailOptions({ providers: { 'a.com': { aliasOf: 'not a domain' } } }, 'e')).toThrow(/aliasOf/);
    expect(() => resolveEmailOptions({ providers: { 'a.com': { dots: true } } }, 'e')).toThrow(TypeError);
  });
});
