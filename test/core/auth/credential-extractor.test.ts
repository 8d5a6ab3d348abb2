/** Transport: which credential a request carries, and refusing ambiguity. */
import { signRs256, TEST_API_KEY, testAuthOptions } from '../../support/tokens';
import { apiKey, bearer, expectDenied, harness, request } from './guard-harness';

describe('credential transport (core guard)', () => {
  const h = harness();

  it('answers a request without any credential with a bare challenge (RFC 6750 §3.1)', async () => {
    await expectDenied(h, request([['Accept', 'application/json']]), { reason: 'missing_credential', challenge: 'Bearer realm="api"' });
  });

  it('uses the configured realm in every challenge', async () => {
    const realm = harness(testAuthOptions({ realm: 'orders' }));
    await expectDenied(realm, request(), { reason: 'missing_credential', challenge: 'Bearer realm="orders"' });
    await expectDenied(realm, bearer('x.y.z'), { reason: 'malformed_token', challenge: 'Bearer realm="orders", error="invalid_token"' });
  });

  it('accepts the Bearer scheme in any letter case (RFC 7235 §2.1)', async () => {
    await expect(h.guard(request([['authorization', `bEaReR ${signRs256()}`]]))).resolves.toMatchObject({ subject: 'user-1' });
  });

  it.each([
    ['two Authorization headers', [['Authorization', `Bearer ${signRs256()}`], ['Authorization', `Bearer ${signRs256()}`]]],
    ['two Authorization headers, one of them empty', [['Authorization', `Bearer ${signRs256()}`], ['authorization', '']]],
    ['a JWT and an API key', [['Authorization', `Bearer ${signRs256()}`], ['X-Api-Key', TEST_API_KEY]]],
    ['two API keys', [['X-Api-Key', TEST_API_KEY], ['x-api-key', TEST_API_KEY]]],
  ] as const)('refuses %s with 400 invalid_request', async (_name, headers) => {
    await expectDenied(h, request(headers), { reason: 'multiple_credentials', status: 400 });
  });

  it('refuses Authorization folded into an array by an adapter', async () => {
    const req = { method: 'GET', url: '/', headers: { authorization: [`Bearer ${signRs256()}`, 'Bearer x'] } };
    await expectDenied(h, req, { reason: 'multiple_credentials', status: 400 });
  });

  it.each([
    ['Basic credentials', 'Basic dXNlcjpwYXNz'],
    ['Digest credentials', 'Digest username="u", response="r"'],
    ['a bare token (no scheme)', signRs256()],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['the scheme and several spaces', 'Bearer    '],
    ['an empty header', ''],
    ['a look-alike scheme', 'Bearer\u00a0abc'],
    ['"Bearerx"', 'Bearerx abc'],
    ['a tab instead of a space', 'Bearer\tabc'],
  ])('answers %s, which carries no bearer credential, with 401 and the bare challenge (RFC 6750 §3.1)', async (_name, value) => {
    await expectDenied(h, request([['Authorization', value]]), { reason: 'missing_credential', challenge: 'Bearer realm="api"' });
  });

  it.each([
    ['a token with a space inside', 'Bearer abc def'],
    ['a token with characters outside b64token', 'Bearer abc!def'],
    ['a token followed by junk', `Bearer ${signRs256()}, Bearer x`],
  ])('refuses %s with 400 invalid_request (a malformed bearer value)', async (_name, value) => {
    await expectDenied(h, request([['Authorization', value]]), { reason: 'malformed_request', status: 400 });
  });

  it('accepts several spaces between the scheme and the token (RFC 6750 §2.1: 1*SP)', async () => {
    await expect(h.guard(request([['Authorization', `Bearer   ${signRs256()}`]]))).resolves.toMatchObject({ subject: 'user-1' });
  });

  it('still refuses a Basic header sent together with an API key: two credentials', async () => {
    await expectDenied(h, request([['Authorization', 'Basic dXNlcjpwYXNz'], ['X-Api-Key', TEST_API_KEY]]), { reason: 'multiple_credentials', status: 400 });
  });

  it('refuses a Bearer token when only API keys are configured', async () => {
    const keysOnly = harness(testAuthOptions({ jwt: undefined }));
    await expectDenied(keysOnly, bearer(signRs256()), { reason: 'credential_kind_not_accepted' });
    await expect(keysOnly.guard(apiKey(TEST_API_KEY))).resolves.toMatchObject({ credential: 'apiKey' });
  });

  it('ignores the API key header when API keys are not configured', async () => {
    const jwtOnly = harness(testAuthOptions({ apiKeys: undefined }));
    await expectDenied(jwtOnly, apiKey(TEST_API_KEY), { reason: 'missing_credential', challenge: 'Bearer realm="api"' });
  });

  describe('accept (per-route credential kinds)', () => {
    it('refuses an API key where only JWTs are accepted, and the reverse', async () => {
      await expectDenied(h, apiKey(TEST_API_KEY), { reason: 'credential_kind_not_accepted' }, { requireAuth: { accept: ['jwt'] } });
      await expectDenied(h, bearer(signRs256()), { reason: 'credential_kind_not_accepted' }, { requireAuth: { accept: ['apiKey'] } });
    });

    it('accepts the listed kind', async () => {
      await expect(h.guard(apiKey(TEST_API_KEY), { requireAuth: { accept: ['apiKey'] } })).resolves.toMatchObject({ subject: 'svc-reporting' });
      await expect(h.guard(bearer(signRs256()), { requireAuth: { accept: ['jwt', 'apiKey'] } })).resolves.toMatchObject({ subject: 'user-1' });
    });

    it('accepts nothing when the list is empty (two declarations with no kind in common)', async () => {
      await expectDenied(h, bearer(signRs256()), { reason: 'credential_kind_not_accepted' }, { requireAuth: { accept: [] } });
    });
  });
});
