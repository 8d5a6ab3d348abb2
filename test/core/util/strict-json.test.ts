import { parseStrictJson, StrictJsonError } from '../../../src/core/util/strict-json';

const kindOf = (text: string): string => {
  try {
    parseStrictJson(text);
    return 'ok';
  } catch (err: unknown) {
    return err instanceof StrictJsonError ? err.kind : 'other';
  }
};

describe('parseStrictJson', () => {
  it.each([
    '{}',
    '[]',
    '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
    ' \t\n\r{ "a" : -0.5e+10 } ',
    '"hello"',
    '123',
    'null',
    '"\\u00e9\\n\\t\\"\\\\\\/"',
    '{"a":{"a":1}}',
  ])('parses %s like JSON.parse', (text) => {
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
  });

  it.each([
    ['{"sub":"a","sub":"b"}'],
    ['{"a":1,"b":2,"a":1}'],
    ['{"x":{"k":1,"k":2}}'],
    ['[{"k":1,"k":1}]'],
    ['{"__proto__":1,"__proto__":2}'],
    ['{"a":1,"\\u0061":2}'],
  ])('refuses duplicate member names in %s', (text) => {
    expect(kindOf(text)).toBe('duplicate_member');
  });

  it.each([
    [''],
    ['{'],
    ['{"a":1,}'],
    ['[1,]'],
    ["{'a':1}"],
    ['{a:1}'],
    ['NaN'],
    ['Infinity'],
    ['01'],
    ['1.'],
    ['.5'],
    ['+1'],
    ['-'],
    ['"\\x41"'],
    ['"\\u12"'],
    ['"unterminated'],
    ['"raw\u0001control"'],
    ['{"a":1} x'],
    ['\ufeff{}'],
    ['tru'],
    ['/* c */ {}'],
    ['{"a" 1}'],
  ])('refuses non-JSON %j', (text) => {
    expect(kindOf(text)).toBe('syntax');
  });

  it('caps nesting depth instead of exhausting the stack', () => {
    expect(kindOf('['.repeat(10_000) + ']'.repeat(10_000))).toBe('too_deep');
    expect(kindOf('{"a":'.repeat(40) + '1' + '}'.repeat(40))).toBe('too_deep');
    expect(kindOf('['.repeat(32) + ']'.repeat(32))).toBe('ok');
  });

  it('builds null-prototype objects: __proto__, constructor and prototype are plain data', () => {
    const value = parseStrictJson('{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},"nested":{"__proto__":{"x":1}}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'nested']);
    expect(Object.getPrototypeOf(value.nested)).toBeNull();
    expect((value as { admin?: unknown }).admin).toBeUndefined();
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('admin');
  });

  it('freezes every object and array it builds (verified claims are shared between requests)', () => {
    const value = parseStrictJson('{"a":{"b":[1,{"c":[]}]},"d":[]}') as { a: { b: [number, { c: unknown[] }] }; d: unknown[] };
    for (const part of [value, value.a, value.a.b, value.a.b[1], value.a.b[1].c, value.d]) expect(Object.isFrozen(part)).toBe(true);
    expect(() => {
      'use strict';
      value.d.push(1);
    }).toThrow(TypeError);
  });

  it('keeps numbers JSON.parse keeps, including ones that overflow to Infinity (callers check finiteness)', () => {
    expect(parseStrictJson('1e400')).toBe(Infinity);
    expect(parseStrictJson('-0')).toBe(-0);
  });
});
