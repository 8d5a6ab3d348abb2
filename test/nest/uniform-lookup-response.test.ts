import { Reflector } from '@nestjs/core';
import type { ResolvedUniformLookupResponseOptions } from '../../src';
import { UniformLookupResponse } from '../../src/nest';
import { RouteDeclarationCache } from '../../src/nest/route-declaration-cache';

describe('@UniformLookupResponse', () => {
  it('refuses bad options when the class is declared (the app loads), naming the option', () => {
    const apply = (options: Parameters<typeof UniformLookupResponse>[0]) => () => {
      class Controller {
        lookup(): void {}
      }
      UniformLookupResponse(options)(Controller.prototype, 'lookup', Object.getOwnPropertyDescriptor(Controller.prototype, 'lookup')!);
    };
    expect(apply({ status: 202, body: { ok: true }, deadlineMs: 1.5 })).toThrow(/"UniformLookupResponse\.deadlineMs"/);
    expect(apply({ status: 404, body: 'x', deadlineMs: 5, passThrough: [404] })).toThrow(/"UniformLookupResponse\.passThrough\[0\]"/);
  });

  it('stores the resolved answer; a handler declaration replaces its controller one', () => {
    @UniformLookupResponse({ status: 200, body: 'controller', deadlineMs: 10 })
    class Controller {
      @UniformLookupResponse({ status: 202, body: 'handler', deadlineMs: 20 })
      own(): void {}
      inherited(): void {}
    }
    const cache = new RouteDeclarationCache(new Reflector());
    const own: ResolvedUniformLookupResponseOptions | undefined = cache.get(Controller, Controller.prototype.own).uniformLookupResponse;
    expect(own?.answer.body.toString()).toBe('handler');
    expect(own?.deadlineMs).toBe(20);
    expect(cache.get(Controller, Controller.prototype.inherited).uniformLookupResponse?.answer.body.toString()).toBe('controller');
  });
});
