import { resolveLeastPrivilegeOptions } from '../../../src/core/privilege/least-privilege-options';

describe('resolveLeastPrivilegeOptions', () => {
  it('defaults: strict, ownership denials answer not-found, the generic 404', () => {
    expect(resolveLeastPrivilegeOptions(undefined, 'leastPrivilege')).toEqual({
      strict: true,
      onDenied: 'not-found',
      notFound: { status: 404, body: { statusCode: 404, message: 'Not Found' }, headers: {} },
    });
  });

  it('takes every option', () => {
    expect(resolveLeastPrivilegeOptions({ strict: false, onDenied: 'forbidden', notFound: { status: 404, body: 'x' } }, 'leastPrivilege')).toEqual({
      strict: false,
      onDenied: 'forbidden',
      notFound: { status: 404, body: 'x', headers: {} },
    });
  });

  it.each([
    [{ strict: 'false' }, 'leastPrivilege.strict'],
    [{ onDenied: 'hide' }, 'leastPrivilege.onDenied'],
    [{ stict: true }, 'leastPrivilege.stict'],
    [{ notFound: { status: 503 } }, 'leastPrivilege.notFound.status'],
    ['strict', 'leastPrivilege'],
  ])('refuses %p naming %s', (value, path) => {
    expect(() => resolveLeastPrivilegeOptions(value, 'leastPrivilege')).toThrow(TypeError);
    expect(() => resolveLeastPrivilegeOptions(value, 'leastPrivilege')).toThrow(`"${path}"`);
  });
});
