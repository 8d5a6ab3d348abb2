/**
 * Principal fixtures for LeastPrivilege's core tests. The scope-claim variants are not built here: those
 * tests mint real tokens and go through the real authenticator, so they test what the app would see.
 */
import type { Principal } from '../../src/core/auth/principal';

export function principal(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: '10002',
    kind: 'user',
    scopes: [],
    claims: Object.freeze(Object.create(null) as Record<string, unknown>),
    authTime: undefined,
    amr: [],
    credential: 'jwt',
    tokenId: undefined,
    ...overrides,
  };
}
