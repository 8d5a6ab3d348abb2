import { resolveUniformHeaders } from '../../../src/core/uniform/uniform-headers';

describe('resolveUniformHeaders', () => {
  it('keeps order, lower-cases names, keeps values exactly', () => {
    expect(resolveUniformHeaders({ 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' }, 'h')).toEqual([
      ['cache-control', 'no-store'],
      ['x-frame-options', 'DENY'],
    ]);
    expect(resolveUniformHeaders(undefined, 'h')).toEqual([]);
  });

  it.each(['Set-Cookie', 'ETag', 'last-modified', 'Content-Length', 'Transfer-Encoding', 'Connection', 'Date', 'Content-Encoding'])('refuses %s', (name) => {
    expect(() => resolveUniformHeaders({ [name]: 'x' }, 'h')).toThrow(`option "h.${name}"`);
  });

  it.each([
    ['a name with a space', { 'X Bad': 'v' }],
    ['a name with a colon', { 'x:y': 'v' }],
    ['an empty name', { '': 'v' }],
    ['a CRLF in the value', { 'x-a': 'v\r\nSet-Cookie: a=b' }],
    ['a NUL in the value', { 'x-a': 'v\u0000' }],
    ['a non-ASCII value', { 'x-a': 'é' }],
    ['leading whitespace', { 'x-a': ' v' }],
    ['a non-string value', { 'x-a': 1 }],
    ['the same name twice', { 'X-A': 'v', 'x-a': 'w' }],
  ])('refuses %s', (_label, headers) => {
    expect(() => resolveUniformHeaders(headers, 'h')).toThrow(TypeError);
  });

  it('refuses a non-object', () => {
    expect(() => resolveUniformHeaders([['a', 'b']], 'h')).toThrow('option "h" must be a plain object');
  });
});
