import { ApiwardError } from '../../../src/core/errors/apiward-error';
import { passesThrough, resolvePassThrough } from '../../../src/core/uniform/pass-through';

class MalformedEmail extends Error {}
class NotFound extends Error {
  readonly status = 404;
}
class HttpLike extends Error {
  constructor(private readonly code: number) {
    super('http');
  }
  getStatus(): number {
    return this.code;
  }
}

describe('passThrough', () => {
  it('matches a status on ApiwardError, getStatus() and statusCode', () => {
    const rules = resolvePassThrough([400], 'p');
    expect(passesThrough(rules, new ApiwardError('invalid_request', 400))).toBe(true);
    expect(passesThrough(rules, new HttpLike(400))).toBe(true);
    expect(passesThrough(rules, Object.assign(new Error('x'), { statusCode: 400 }))).toBe(true);
    expect(passesThrough(rules, new HttpLike(404))).toBe(false);
    expect(passesThrough(rules, new NotFound())).toBe(false);
    expect(passesThrough(rules, 'a string')).toBe(false);
    expect(passesThrough(rules, undefined)).toBe(false);
  });

  it('matches an Error class by instanceof', () => {
    const rules = resolvePassThrough([MalformedEmail], 'p');
    expect(passesThrough(rules, new MalformedEmail())).toBe(true);
    expect(passesThrough(rules, new Error())).toBe(false);
  });

  it('matches a predicate only on exactly true, and a throwing predicate matches nothing', () => {
    const rules = resolvePassThrough([(e: unknown) => e === 'ok', () => 'yes' as unknown as boolean, () => { throw new Error('bug'); }], 'p');
    expect(passesThrough(rules, 'ok')).toBe(true);
    expect(passesThrough(rules, 'other')).toBe(false);
  });

  it('never lets a 404 or 410 through, even when a class or predicate rule covers it', () => {
    const rules = resolvePassThrough([HttpLike, NotFound, () => true], 'p');
    expect(passesThrough(rules, new HttpLike(404))).toBe(false);
    expect(passesThrough(rules, new HttpLike(410))).toBe(false);
    expect(passesThrough(rules, new NotFound())).toBe(false);
    expect(passesThrough(rules, Object.assign(new Error('gone'), { statusCode: 410 }))).toBe(false);
    expect(passesThrough(rules, new HttpLike(400))).toBe(true);
  });

  it('matches nothing by default', () => {
    expect(passesThrough(resolvePassThrough(undefined, 'p'), new ApiwardError('invalid_request', 400))).toBe(false);
  });

  it('a getStatus that throws matches nothing', () => {
    const bad = { getStatus: (): number => { throw new Error('x'); }, status: 400 };
    expect(passesThrough(resolvePassThrough([400], 'p'), bad)).toBe(false);
  });

  it.each([
    ['404, the existence answer', [404], /p\[0\]/],
    ['410', [410], /p\[0\]/],
    ['a 5xx', [500], /p\[0\]/],
    ['a 2xx', [200], /p\[0\]/],
    ['Error itself', [Error], /every error/],
    ['a string', ['400'], /p\[0\]/],
    ['not an array', 400, /"p" must be an array/],
  ])('refuses %s', (_label, value, message) => {
    expect(() => resolvePassThrough(value, 'p')).toThrow(message);
  });
});
