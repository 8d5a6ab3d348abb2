/** isRevoked: keyed on the principal (jti / subject / key id), fail closed. */
import type { Principal } from '../../../src/core/auth/principal';
import { claims, signRs256, TEST_API_KEY, TEST_API_KEY_ID, testAuthOptions } from '../../support/tokens';
import { apiKey, bearer, expectDenied, harness } from './guard-harness';

describe('revocation (core guard)', () => {
  it('denies a revoked jti and lets another token of the same subject through', async () => {
    const seen: Principal[] = [];
    const h = harness(testAuthOptions({ isRevoked: (p) => (seen.push(p), p.tokenId === 'stolen') }));
    const event = await expectDenied(h, bearer(signRs256(claims({ jti: 'stolen' }))), { reason: 'revoked' });
    expect(event.subject).toBe('user-1');
    await expect(h.guard(bearer(signRs256(claims({ jti: 'fresh' }))))).resolves.toMatchObject({ tokenId: 'fresh' });
    // The hook sees the principal, never the raw token string.
    expect(JSON.stringify(seen)).not.toMatch(/eyJ/);
  });

  it('denies a revoked subject and a revoked API key id, asynchronously', async () => {
    const h = harness(testAuthOptions({ isRevoked: async (p) => p.subject === 'user-1' || p.tokenId === TEST_API_KEY_ID }));
    await expectDenied(h, bearer(signRs256()), { reason: 'revoked' });
    await expectDenied(h, apiKey(TEST_API_KEY), { reason: 'revoked' });
  });

  it('is keyed on jti, so a re-encoded token (same claims) is still revoked', async () => {
    const h = harness(testAuthOptions({ isRevoked: (p) => p.tokenId === 'j-1' }));
    const c = claims({ jti: 'j-1' });
    await expectDenied(h, bearer(signRs256(c)), { reason: 'revoked' });
    await expectDenied(h, bearer(signRs256(c, { typ: 'at+jwt' })), { reason: 'revoked' });
  });

  it.each([
    ['throws', () => {
      throw new Error('cache down');
    }],
    ['rejects', () => Promise.reject(new Error('cache down'))],
    ['returns undefined', () => undefined as unknown as boolean],
    ['returns a truthy string', () => 'no' as unknown as boolean],
    ['returns 0', () => 0 as unknown as boolean],
  ])('denies when the hook %s', async (_name, isRevoked) => {
    await expectDenied(harness(testAuthOptions({ isRevoked })), bearer(signRs256()), { reason: 'revocation_check_failed' });
  });
});
