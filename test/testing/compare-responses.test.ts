import { describeDifferences, type ResponseBytes } from '../../src/testing/compare-responses';

const base: ResponseBytes = {
  status: 202,
  headers: [
    ['content-type', 'application/json'],
    ['content-length', '2'],
    ['date', 'Mon, 01 Jan 2024 00:00:00 GMT'],
  ],
  body: Buffer.from('{}'),
};
const ignored = new Set(['date']);

describe('describeDifferences', () => {
  it('finds nothing between identical responses, whatever the Date', () => {
    const other = { ...base, headers: base.headers.map(([n, v]): readonly [string, string] => [n, n === 'date' ? 'Tue, 02 Jan 2024 00:00:00 GMT' : v]) };
    expect(describeDifferences(base, other, ignored)).toEqual([]);
  });

  it('reports status, body bytes with the first differing byte, and header differences', () => {
    const other: ResponseBytes = {
      status: 404,
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['content-length', '3'],
        ['etag', 'W/"3"'],
      ],
      body: Buffer.from('{ }'),
    };
    expect(describeDifferences(base, other, ignored)).toEqual([
      'status: A 202, B 404',
      'body: A 2 bytes, B 3 bytes; first difference at byte 1: A "{}", B "{ }"',
      'header "content-type": A "application/json", B "application/json; charset=utf-8"',
      'header "content-length": A "2", B "3"',
      'header "etag": only in B ("W/\\"3\\"")',
    ]);
  });

  it('reports a header only in A, and repeated headers', () => {
    const a: ResponseBytes = { ...base, headers: [...base.headers, ['set-cookie', 'a=1'], ['set-cookie', 'b=2']] };
    const b: ResponseBytes = { ...base, headers: [...base.headers, ['set-cookie', 'a=1']] };
    expect(describeDifferences(a, b, ignored)).toEqual(['header "set-cookie": A "a=1, b=2", B "a=1"']);
    expect(describeDifferences(a, base, ignored, ['hit', 'miss'])).toEqual(['header "set-cookie": only in hit ("a=1, b=2")']);
  });

  it('reports header order when names and values agree', () => {
    const swapped: ResponseBytes = { ...base, headers: [base.headers[1]!, base.headers[0]!] };
    expect(describeDifferences(base, swapped, ignored)).toEqual(['header order: A [content-type, content-length], B [content-length, content-type]']);
  });

  it('leaves configured headers out', () => {
    const other: ResponseBytes = { ...base, headers: [...base.headers, ['x-request-id', '42']] };
    expect(describeDifferences(base, other, new Set(['date', 'x-request-id']))).toEqual([]);
  });
});
