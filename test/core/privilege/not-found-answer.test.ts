import { DEFAULT_NOT_FOUND, notFoundError, resolveNotFoundAnswer } from '../../../src/core/privilege/not-found-answer';

describe('resolveNotFoundAnswer', () => {
  it('defaults to 404 with the generic body', () => {
    expect(resolveNotFoundAnswer(undefined, 'notFound')).toEqual({ status: 404, body: { statusCode: 404, message: 'Not Found' }, headers: {} });
  });

  it('takes a custom status, body and headers (what the app already sends)', () => {
    expect(resolveNotFoundAnswer({ body: { message: 'Not Found', statusCode: 404 }, headers: { 'Cache-Control': 'no-store' } }, 'notFound')).toEqual({
      status: 404,
      body: { message: 'Not Found', statusCode: 404 },
      headers: { 'Cache-Control': 'no-store' },
    });
    expect(resolveNotFoundAnswer({ status: 200, body: { data: null } }, 'notFound').status).toBe(200);
  });

  it.each([
    [{ status: 500 }, /status/],
    [{ status: 302 }, /status/],
    [{ status: 404.5 }, /status/],
    [{ status: '404' }, /status/],
    [{ body: 10n }, /JSON-serialisable/],
    [{ body: () => 1 }, /JSON-serialisable/],
    [{ headers: { 'Bad Name': 'x' } }, /header name/],
    [{ headers: { 'X-A': 'a\r\nSet-Cookie: x' } }, /CR or LF/],
    [{ headers: { 'X-A': 1 } }, /header value/],
    [{ code: 404 }, /not a known option/],
  ])('refuses %p', (value, message) => {
    expect(() => resolveNotFoundAnswer(value, 'notFound')).toThrow(message);
  });
});

describe('notFoundError', () => {
  it('is what a handler throws for a missing object: the same answer as an ownership denial', () => {
    const err = notFoundError();
    expect([err.code, err.status, err.headers, err.body]).toEqual(['not_found', 404, {}, DEFAULT_NOT_FOUND.body]);
    const custom = notFoundError({ body: { error: 'nope' } });
    expect([custom.status, custom.body]).toEqual([404, { error: 'nope' }]);
  });
});
