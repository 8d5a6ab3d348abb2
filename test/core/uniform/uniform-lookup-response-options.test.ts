import { resolveUniformLookupResponseOptions } from '../../../src/core/uniform/uniform-lookup-response-options';

const base = { status: 202, body: { message: 'If an account exists, we sent a message.' }, deadlineMs: 300 };

describe('resolveUniformLookupResponseOptions', () => {
  it('builds the answer once: status, content-type, content-length, configured headers, bytes', () => {
    const r = resolveUniformLookupResponseOptions({ ...base, headers: { 'Cache-Control': 'no-store' } }, 'u');
    const bytes = Buffer.from('{"message":"If an account exists, we sent a message."}');
    expect(r.answer).toEqual({
      status: 202,
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['content-length', String(bytes.length)],
        ['cache-control', 'no-store'],
      ],
      body: bytes,
    });
    expect(r.deadlineMs).toBe(300);
    expect(r.passThrough).toEqual([]);
    expect(Object.isFrozen(r.answer.headers)).toBe(true);
  });

  it('a configured Content-Type replaces the default, in first position', () => {
    const r = resolveUniformLookupResponseOptions({ ...base, headers: { 'X-A': 'b', 'Content-Type': 'application/problem+json' } }, 'u');
    expect(r.answer.headers[0]).toEqual(['content-type', 'application/problem+json']);
    expect(r.answer.headers.filter(([n]) => n === 'content-type')).toHaveLength(1);
  });

  it('204 carries no body, no content-length, no content-type', () => {
    const r = resolveUniformLookupResponseOptions({ status: 204, body: '', deadlineMs: 100, headers: { 'Cache-Control': 'no-store' } }, 'u');
    expect(r.answer).toEqual({ status: 204, headers: [['cache-control', 'no-store']], body: Buffer.alloc(0) });
  });

  it.each([
    ['a missing status', { body: 'x', deadlineMs: 1 }, 'u.status'],
    ['status 1xx', { ...base, status: 101 }, 'u.status'],
    ['status 600', { ...base, status: 600 }, 'u.status'],
    ['a fractional status', { ...base, status: 200.5 }, 'u.status'],
    ['a string status', { ...base, status: '200' }, 'u.status'],
    ['a missing deadline', { status: 200, body: 'x' }, 'u.deadlineMs'],
    ['a zero deadline', { ...base, deadlineMs: 0 }, 'u.deadlineMs'],
    ['a fractional deadline', { ...base, deadlineMs: 1.5 }, 'u.deadlineMs'],
    ['a deadline over a minute', { ...base, deadlineMs: 60_001 }, 'u.deadlineMs'],
    ['a missing body', { status: 200, deadlineMs: 1 }, 'u.body'],
    ['a body with 204', { status: 204, body: 'x', deadlineMs: 1 }, 'u.body'],
    ['a content-type with 204', { status: 204, body: '', deadlineMs: 1, headers: { 'content-type': 'text/plain' } }, 'u.headers'],
    ['Set-Cookie', { ...base, headers: { 'Set-Cookie': 'a=b' } }, 'u.headers.Set-Cookie'],
    ['ETag', { ...base, headers: { ETag: '"1"' } }, 'u.headers.ETag'],
    ['a 404 pass-through', { ...base, passThrough: [404] }, 'u.passThrough[0]'],
    ['an unknown key', { ...base, jitterMs: 5 }, 'u.jitterMs'],
  ])('refuses %s, naming the option', (_label, value, where) => {
    expect(() => resolveUniformLookupResponseOptions(value, 'u')).toThrow(`option "${where}"`);
  });

  it('refuses a non-object', () => {
    expect(() => resolveUniformLookupResponseOptions(null, 'u')).toThrow(TypeError);
  });
});
