/** Start-up refusals for `auth` and `auth.apiKeys`, and the defaults. */
import { Apiward } from '../../../src/core/apiward';
import { DEFAULT_SECOND_FACTORS, resolveAuthOptions, type AuthOptions } from '../../../src/core/auth/auth-options';
import { testAuthOptions } from '../../support/tokens';

const refused = (auth: unknown, option: string): void => {
  expect(() => Apiward.create({ auth: auth as AuthOptions })).toThrow(TypeError);
  expect(() => Apiward.create({ auth: auth as AuthOptions })).toThrow(`option "${option}"`);
};

describe('resolveAuthOptions', () => {
  it('fills the documented defaults', () => {
    const resolved = resolveAuthOptions({ apiKeys: { lookup: () => undefined } }, 'auth');
    expect(resolved).toMatchObject({ realm: 'api', jwt: undefined, apiKeys: { header: 'x-api-key' }, isRevoked: undefined });
    expect([...resolved.secondFactors]).toEqual([...DEFAULT_SECOND_FACTORS]);
  });

  it('lower-cases the API key header', () => {
    expect(resolveAuthOptions(testAuthOptions({ apiKeys: { header: 'X-Key', lookup: () => undefined } }), 'auth').apiKeys?.header).toBe('x-key');
  });
});

describe('auth start-up refusals', () => {
  it.each([
    ['auth missing', undefined, 'auth'],
    ['auth not an object', 'jwt', 'auth'],
    ['no credential kind at all', { realm: 'api' }, 'auth'],
    ['an unknown key', { ...testAuthOptions(), isRevokd: () => false }, 'auth.isRevokd'],
    ['a realm with a quote (header injection)', testAuthOptions({ realm: 'a", error="x' }), 'auth.realm'],
    ['a realm with a newline', testAuthOptions({ realm: 'a\r\nSet-Cookie: x' }), 'auth.realm'],
    ['a non-function isRevoked', { ...testAuthOptions(), isRevoked: true }, 'auth.isRevoked'],
    ['an unknown stepUp key', { ...testAuthOptions(), stepUp: { factors: ['otp'] } }, 'auth.stepUp.factors'],
    ['empty second factors', { ...testAuthOptions(), stepUp: { secondFactors: [] } }, 'auth.stepUp.secondFactors'],
    ['apiKeys without lookup', { ...testAuthOptions(), apiKeys: {} }, 'auth.apiKeys.lookup'],
    ['an unknown apiKeys key', { ...testAuthOptions(), apiKeys: { lookup: () => undefined, hash: 'sha1' } }, 'auth.apiKeys.hash'],
    ['the Authorization header for API keys', { ...testAuthOptions(), apiKeys: { lookup: () => undefined, header: 'Authorization' } }, 'auth.apiKeys.header'],
    ['a header name with a space', { ...testAuthOptions(), apiKeys: { lookup: () => undefined, header: 'x api key' } }, 'auth.apiKeys.header'],
    ['an unknown top-level key', null, 'authh'],
  ])('refuses %s', (_name, auth, option) => {
    if (option === 'authh') {
      expect(() => Apiward.create({ auth: testAuthOptions(), authh: 1 } as unknown as Parameters<typeof Apiward.create>[0])).toThrow('option "authh"');
      return;
    }
    refused(auth, option);
  });
});
