/** Step-up (RFC 9470) through the core guard, and the standalone check LeastPrivilege reuses. */
import { DEFAULT_SECOND_FACTORS } from '../../../src/core/auth/auth-options';
import type { Principal } from '../../../src/core/auth/principal';
import { checkStepUp, stepUpError } from '../../../src/core/auth/step-up';
import { claims, mfaClaims, signRs256, TEST_API_KEY, testAuthOptions } from '../../support/tokens';
import { apiKey, bearer, expectDenied, harness } from './guard-harness';

const TEN_MINUTES = 600_000;
const MFA_CHALLENGE = 'Bearer realm="api", error="insufficient_user_authentication", error_description="Multi-factor authentication is required"';

describe('step-up (core guard)', () => {
  const h = harness();
  const declaration = { requireAuth: { mfa: true, maxAuthAgeMs: TEN_MINUTES } };
  const stepUp = (reason: 'second_factor_missing' | 'auth_time_missing' | 'auth_time_stale') => ({
    reason,
    code: 'insufficient_user_authentication',
    challenge: `${MFA_CHALLENGE}, max_age=600`,
  });

  it('accepts a recent second factor', async () => {
    await expect(h.guard(bearer(signRs256(claims(mfaClaims(60_000)))), declaration)).resolves.toMatchObject({ amr: ['pwd', 'otp'] });
  });

  it('refuses a missing amr, a password-only amr and an empty amr', async () => {
    await expectDenied(h, bearer(signRs256(claims({ auth_time: Math.floor(Date.now() / 1000) }))), stepUp('second_factor_missing'), declaration);
    await expectDenied(h, bearer(signRs256(claims({ ...mfaClaims(0), amr: ['pwd'] }))), stepUp('second_factor_missing'), declaration);
    await expectDenied(h, bearer(signRs256(claims({ ...mfaClaims(0), amr: [] }))), stepUp('second_factor_missing'), declaration);
  });

  it('refuses a stale or missing auth_time, and says so in the event with the subject', async () => {
    const event = await expectDenied(h, bearer(signRs256(claims(mfaClaims(TEN_MINUTES + 60_000)))), stepUp('auth_time_stale'), declaration);
    expect(event).toMatchObject({ subject: 'user-1', credential: 'jwt' });
    await expectDenied(h, bearer(signRs256(claims({ amr: ['otp'] }))), stepUp('auth_time_missing'), declaration);
  });

  it('refuses an API key on an MFA route (it carries no second factor)', async () => {
    await expectDenied(h, apiKey(TEST_API_KEY), stepUp('second_factor_missing'), declaration);
  });

  it('omits max_age without maxAuthAgeMs, and asks only for recency without mfa', async () => {
    await expectDenied(h, bearer(signRs256()), { reason: 'second_factor_missing', code: 'insufficient_user_authentication', challenge: MFA_CHALLENGE }, { requireAuth: { mfa: true } });
    await expectDenied(
      h,
      bearer(signRs256(claims(mfaClaims(120_000)))),
      {
        reason: 'auth_time_stale',
        code: 'insufficient_user_authentication',
        challenge: 'Bearer realm="api", error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age=60',
      },
      { requireAuth: { maxAuthAgeMs: 60_000 } },
    );
  });

  it('uses the configured second factors', async () => {
    const hwkOnly = harness(testAuthOptions({ stepUp: { secondFactors: ['hwk'] } }));
    await expectDenied(hwkOnly, bearer(signRs256(claims(mfaClaims(0)))), stepUp('second_factor_missing'), declaration);
    await expect(hwkOnly.guard(bearer(signRs256(claims({ ...mfaClaims(0), amr: ['pwd', 'hwk'] }))), declaration)).resolves.toBeDefined();
  });
});

describe('checkStepUp / stepUpError (standalone)', () => {
  const base: Principal = { subject: 's', kind: 'user', scopes: [], claims: {}, authTime: 1_000_000, amr: ['pwd', 'otp'], credential: 'jwt', tokenId: undefined };
  const context = { secondFactors: new Set(DEFAULT_SECOND_FACTORS), now: 1_000_000 + TEN_MINUTES };

  it('returns undefined when met, exactly at the age limit', () => {
    expect(checkStepUp(base, { mfa: true, maxAuthAgeMs: TEN_MINUTES }, context)).toBeUndefined();
    expect(checkStepUp(base, {}, context)).toBeUndefined();
  });

  it('names the shortfall', () => {
    expect(checkStepUp({ ...base, amr: ['pwd', 'pin', 'kba'] }, { mfa: true }, context)).toBe('second_factor_missing');
    expect(checkStepUp({ ...base, authTime: undefined }, { maxAuthAgeMs: 1_000 }, context)).toBe('auth_time_missing');
    expect(checkStepUp(base, { maxAuthAgeMs: TEN_MINUTES - 1 }, context)).toBe('auth_time_stale');
  });

  it('reads malformed requirements the closed way', () => {
    expect(checkStepUp({ ...base, amr: [] }, { mfa: 'yes' as unknown as boolean }, context)).toBe('second_factor_missing');
    expect(checkStepUp(base, { maxAuthAgeMs: 'ten minutes' as unknown as number }, context)).toBe('auth_time_stale');
  });

  it('builds the RFC 9470 challenge with max_age in whole seconds, never looser', () => {
    const error = stepUpError('admin', { mfa: true, maxAuthAgeMs: 90_500 });
    expect(error).toMatchObject({ status: 401, code: 'insufficient_user_authentication', body: { statusCode: 401, message: 'Unauthorized' } });
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="admin", error="insufficient_user_authentication", error_description="Multi-factor authentication is required", max_age=90');
  });

  it('counts only RFC 8176 second factors by default', () => {
    expect([...DEFAULT_SECOND_FACTORS].sort()).toEqual(['face', 'fpt', 'hwk', 'iris', 'mfa', 'otp', 'pop', 'retina', 'sc', 'sms', 'swk', 'tel', 'vbm']);
    for (const first of ['pwd', 'pin', 'kba', 'user', 'wia', 'geo', 'rba']) expect(DEFAULT_SECOND_FACTORS).not.toContain(first);
  });
});
