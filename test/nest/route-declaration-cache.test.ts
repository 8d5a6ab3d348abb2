import { Reflector } from '@nestjs/core';
import { Public, RequireAuth } from '../../src/nest';
import { RouteDeclarationCache } from '../../src/nest/route-declaration-cache';

@RequireAuth({ accept: ['jwt', 'apiKey'], maxAuthAgeMs: 600_000 })
class AccountsController {
  @Public({ reason: 'sign-up form' })
  signUp(): void {}

  @RequireAuth({ mfa: true, accept: ['jwt'], maxAuthAgeMs: 60_000 })
  close(): void {}

  list(): void {}
}

class BaseController {
  items(): void {}
}
@Public({ reason: 'catalogue' })
class OpenCatalogue extends BaseController {}
class ClosedCatalogue extends BaseController {}

@Public({ reason: 'status page' })
class StatusController {
  @RequireAuth()
  details(): void {}
}

class Undeclared {
  anything(): void {}
}

const proto = AccountsController.prototype;

describe('RouteDeclarationCache', () => {
  const cache = new RouteDeclarationCache(new Reflector());

  it('merges controller and handler metadata, handler tightening or opening on purpose', () => {
    expect(cache.get(AccountsController, proto.signUp)).toEqual({ public: { reason: 'sign-up form' } });
    expect(cache.get(AccountsController, proto.close)).toEqual({ requireAuth: { accept: ['jwt'], mfa: true, maxAuthAgeMs: 60_000 } });
    expect(cache.get(AccountsController, proto.list)).toEqual({ requireAuth: { accept: ['jwt', 'apiKey'], maxAuthAgeMs: 600_000 } });
  });

  it('reads a handler RequireAuth under a public controller the closed way', () => {
    expect(cache.get(StatusController, StatusController.prototype.details)).toEqual({ requireAuth: {} });
  });

  it('gives an undecorated route an empty declaration (deny by default applies)', () => {
    expect(cache.get(Undeclared, Undeclared.prototype.anything)).toEqual({});
  });

  it('keeps an inherited handler apart per controller class', () => {
    const handler = BaseController.prototype.items;
    expect(cache.get(OpenCatalogue, handler)).toEqual({ public: { reason: 'catalogue' } });
    expect(cache.get(ClosedCatalogue, handler)).toEqual({});
  });

  it('reads metadata once per handler, not on every request', () => {
    const reflector = new Reflector();
    const reads = jest.spyOn(reflector, 'get');
    const fresh = new RouteDeclarationCache(reflector);
    const first = fresh.get(AccountsController, proto.close);
    const readsAfterFirst = reads.mock.calls.length;
    expect(readsAfterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 100; i += 1) expect(fresh.get(AccountsController, proto.close)).toBe(first);
    expect(reads.mock.calls.length).toBe(readsAfterFirst);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('decorator arguments are validated when the class loads', () => {
  it('Public requires a non-empty reason', () => {
    expect(() => Public({ reason: '' })(class {})).toThrow(/"Public\.reason"/);
    expect(() => Public({ reason: '   ' })(class {})).toThrow(TypeError);
    expect(() => (Public as unknown as () => ClassDecorator)()(class {})).toThrow(/"Public"/);
    expect(() => Public({ reason: 'ok', because: 'x' } as never)(class {})).toThrow(/"Public\.because"/);
  });

  it('RequireAuth rejects unknown keys and bad values', () => {
    expect(() => RequireAuth({ mfaa: true } as never)(class {})).toThrow(/"RequireAuth\.mfaa"/);
    expect(() => RequireAuth({ accept: ['password'] } as never)(class {})).toThrow(/"RequireAuth\.accept"/);
    expect(() => RequireAuth({ accept: [] })(class {})).toThrow(/"RequireAuth\.accept"/);
    expect(() => RequireAuth({ mfa: 'yes' } as never)(class {})).toThrow(/"RequireAuth\.mfa"/);
    expect(() => RequireAuth({ maxAuthAgeMs: -1 })(class {})).toThrow(/"RequireAuth\.maxAuthAgeMs"/);
    expect(() => RequireAuth({ maxAuthAgeMs: 1.5 })(class {})).toThrow(TypeError);
  });
});
