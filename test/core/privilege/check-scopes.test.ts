import { resolveAuthOptions } from '../../../src/core/auth/auth-options';
import { createAuthenticator } from '../../../src/core/auth/authenticator';
import type { Principal } from '../../../src/core/auth/principal';
import { grantedScopes, satisfiesScopes } from '../../../src/core/privilege/check-scopes';
import { toScopeRequirement } from '../../../src/core/privilege/scope-requirement';
import type { RequestLike } from '../../../src/core/request-like';
import { AUDIENCE, ISSUER, apiKeyStore, signRaw, signRs256, claims, rsaKeys, testAuthOptions } from '../../support/tokens';
import { createApiKey } from '../../../src/core/auth/api-key';

const authenticator = createAuthenticator(resolveAuthOptions(testAuthOptions(), 'auth'));

function bearer(token: string): RequestLike {
  return { method: 'GET', url: '/orders', headers: { authorization: `Bearer ${token}` }, rawHeaders: ['Authorization', `Bearer ${token}`] };
}

async function principalFor(claimOverrides: Record<string, unknown>): Promise<Principal> {
  // The fixture's default `scope` claim is left out, so only the claim under test can grant anything.
  const { scope: _defaultScope, ...base } = claims();
  return authenticator.authenticate(bearer(signRs256({ ...base, ...claimOverrides })), {});
}

const read = toScopeRequirement(['orders:read']);
const readWrite = toScopeRequirement(['orders:read', 'orders:write']);
const either = toScopeRequirement([{ anyOf: ['orders:read', 'orders:read:any'] }]);

describe('satisfiesScopes', () => {
  const granted = (...scopes: string[]): ReadonlySet<string> => grantedScopes(scopes);

  it('allOf needs every scope', () => {
    expect(satisfiesScopes(granted('orders:read', 'orders:write'), readWrite)).toBe(true);
    expect(satisfiesScopes(granted('orders:read'), readWrite)).toBe(false);
    expect(satisfiesScopes(granted(), read)).toBe(false);
  });

  it('anyOf needs one scope of the group', () => {
    expect(satisfiesScopes(granted('orders:read:any'), either)).toBe(true);
    expect(satisfiesScopes(granted('orders:read'), either)).toBe(true);
    expect(satisfiesScopes(granted('orders:write'), either)).toBe(false);
  });

  it('matches whole scopes only: no prefix, case or wildcard games', () => {
    expect(satisfiesScopes(granted('orders:read:any'), read)).toBe(false);
    expect(satisfiesScopes(granted('orders'), read)).toBe(false);
    expect(satisfiesScopes(granted('ORDERS:READ'), read)).toBe(false);
    expect(satisfiesScopes(granted('*'), read)).toBe(false);
    expect(satisfiesScopes(granted('orders:*'), read)).toBe(false);
  });
});

describe('grantedScopes (defence in depth behind the authenticator)', () => {
  it('drops anything that is not a scope-token', () => {
    const scopes: unknown[] = ['orders:read', 'a b', 'a\u0000b', 'a,b', 42, null, { toString: () => 'orders:write' }, ['orders:write']];
    expect([...grantedScopes(scopes)]).toEqual(['orders:read']);
  });

  it('grants nothing for a non-array', () => {
    expect(grantedScopes('orders:read').size).toBe(0);
    expect(grantedScopes(undefined).size).toBe(0);
  });
});

describe('scope claims, through the real authenticator', () => {
  const grants = async (claimOverrides: Record<string, unknown>, requirement = read): Promise<boolean> =>
    satisfiesScopes(grantedScopes((await principalFor(claimOverrides)).scopes), requirement);

  it('reads `scope` as a space-delimited string', async () => {
    expect(await grants({ scope: 'orders:read orders:write' }, readWrite)).toBe(true);
    expect(await grants({ scope: 'orders:write' })).toBe(false);
  });

  it('reads `scp` as an array or a string', async () => {
    expect(await grants({ scp: ['orders:read', 'orders:write'] }, readWrite)).toBe(true);
    expect(await grants({ scp: 'orders:read' })).toBe(true);
  });

  it('reads `permissions` as an array', async () => {
    expect(await grants({ permissions: ['orders:read'] })).toBe(true);
  });

  it('a `__proto__` claim carrying a scope grants nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = `{"iss":"${ISSUER}","aud":"${AUDIENCE}","sub":"u1","iat":${now},"exp":${now + 600},"__proto__":{"scope":"orders:read","permissions":["orders:read"]}}`;
    const token = signRaw('{"alg":"RS256","typ":"JWT"}', payload, 'RS256', rsaKeys.privateKey);
    const p = await authenticator.authenticate(bearer(token), {});
    expect(p.scopes).toEqual([]);
    expect(satisfiesScopes(grantedScopes(p.scopes), read)).toBe(false);
    expect(({} as Record<string, unknown>).scope).toBeUndefined();
  });

  it('a scope with NUL, whitespace inside an array element, or a comma grants nothing', async () => {
    expect(await grants({ scope: 'orders:read\u0000' })).toBe(false);
    expect(await grants({ scp: ['orders:read orders:write'] }, readWrite)).toBe(false);
    expect(await grants({ scp: ['orders:read orders:write'] })).toBe(false);
    expect(await grants({ permissions: ['orders:read,orders:write'] })).toBe(false);
    expect(await grants({ scope: 'orders:read,orders:write' })).toBe(false);
  });

  it('a scope value that is not a string grants nothing', async () => {
    expect(await grants({ scope: ['orders:read'] })).toBe(false);
    expect(await grants({ permissions: [{ scope: 'orders:read' }, 1, true] })).toBe(false);
    expect(await grants({ permissions: 'orders:read' })).toBe(false);
  });

  it('API keys carry their own scopes', async () => {
    const created = createApiKey({ prefix: 'awk' });
    apiKeyStore.set(created.id, { hash: created.hash, subject: 'svc-orders', scopes: ['orders:read', 'bad scope'] });
    const p = await authenticator.authenticate({ method: 'GET', url: '/', headers: { 'x-api-key': created.key }, rawHeaders: ['X-Api-Key', created.key] }, {});
    expect(satisfiesScopes(grantedScopes(p.scopes), read)).toBe(true);
    expect([...grantedScopes(p.scopes)]).toEqual(['orders:read']);
  });
});
