import type { ApiwardOptions } from '../../src';
import { createApiward } from '../../src/express';
import { testAuthOptions } from '../support/tokens';

describe('createApiward', () => {
  it('throws the core TypeError naming a bad option at start-up', () => {
    expect(() => createApiward({ auth: testAuthOptions(), onSecurityEvnt: () => undefined } as unknown as ApiwardOptions)).toThrow(/"onSecurityEvnt"/);
    expect(() => createApiward({} as ApiwardOptions)).toThrow(TypeError);
  });

  it('validates route declarations where they are written', () => {
    const ward = createApiward({ auth: testAuthOptions() });
    expect(() => ward.public({ reason: '' })).toThrow(/"public\.reason"/);
    expect(() => ward.public(undefined as never)).toThrow(TypeError);
    expect(() => ward.requireAuth({ mfa: 1 } as never)).toThrow(/"requireAuth\.mfa"/);
    expect(() => ward.requireAuth({ accept: ['cookie'] } as never)).toThrow(/"requireAuth\.accept"/);
  });

  it('logs one console line per event by default, without token material', async () => {
    const lines: string[] = [];
    const warn = jest.spyOn(console, 'warn').mockImplementation((line: string) => void lines.push(line));
    try {
      const ward = createApiward({ auth: testAuthOptions() });
      const rejected = ward.engine.guard({ method: 'GET', url: '/me', headers: { authorization: 'Bearer abc.def.ghi' }, rawHeaders: ['Authorization', 'Bearer abc.def.ghi'] }, { method: 'GET', path: '/me' }, {});
      await expect(rejected).rejects.toMatchObject({ status: 401 });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[apiward\] \{.*"type":"auth\.failed"/);
      expect(lines[0]).not.toContain('abc.def.ghi');
    } finally {
      warn.mockRestore();
    }
  });
});
