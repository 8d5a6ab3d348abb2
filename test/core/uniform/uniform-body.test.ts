import { encodeUniformBody } from '../../../src/core/uniform/uniform-body';

describe('encodeUniformBody', () => {
  it('serialises a JSON value once, with the JSON type', () => {
    const body = encodeUniformBody({ message: 'If an account exists, we sent a message.', n: 1, ok: true, none: null, list: [1, 'é'] }, 'body');
    expect(body.bytes.toString('utf8')).toBe('{"message":"If an account exists, we sent a message.","n":1,"ok":true,"none":null,"list":[1,"é"]}');
    expect(body.contentType).toBe('application/json; charset=utf-8');
  });

  it('sends a string as UTF-8 text and bytes as they are', () => {
    expect(encodeUniformBody('naïve', 'body')).toEqual({ bytes: Buffer.from('naïve', 'utf8'), contentType: 'text/plain; charset=utf-8' });
    const bytes = encodeUniformBody(new Uint8Array([0, 255]), 'body');
    expect([...bytes.bytes]).toEqual([0, 255]);
    expect(bytes.contentType).toBe('application/octet-stream');
  });

  it('copies bytes, so later mutation of the option cannot change the answer', () => {
    const source = Buffer.from('abc');
    const body = encodeUniformBody(source, 'body');
    source[0] = 0x7a;
    expect(body.bytes.toString()).toBe('abc');
  });

  it.each([
    ['undefined', undefined, /is required/],
    ['a function', () => 1, /not a function/],
    ['NaN', { n: Number.NaN }, /body\.n.*finite/],
    ['Infinity in an array', [1, Infinity], /body\[1\].*finite/],
    ['undefined inside an object', { a: undefined }, /body\.a/],
    ['a bigint', { a: BigInt(1) }, /bigint/],
    ['a Date', { when: new Date(0) }, /plain object/],
    ['a Map', new Map(), /plain object/],
  ])('refuses %s', (_label, value, message) => {
    expect(() => encodeUniformBody(value, 'body')).toThrow(message);
  });

  it('refuses circular values', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => encodeUniformBody(loop, 'body')).toThrow(/circular/);
  });
});
