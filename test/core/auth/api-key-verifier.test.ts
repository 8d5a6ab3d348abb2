/** API keys through the core guard: format, lookup, constant-time comparison, fail-closed store. */
import { createApiKey, hashApiKey } from '../../../src/core/auth/api-key';
import type { StoredApiKey } from '../../../src/core/auth/api-key-options';
import { apiKeyStore, TEST_API_KEY, TEST_API_KEY_ID, testAuthOptions } from '../../support/tokens';
import { apiKey, expectDenied, harness } from './guard-harness';

const [prefix, id, secret] = [TEST_API_KEY.slice(0, 3), TEST_API_KEY_ID, TEST_API_KEY.slice(4 + 24 + 1)];

describe('API keys (core guard)', () => {
  const h = harness();

  it('authenticates the known key as a service principal with its scopes', async () => {
    await expect(h.guard(apiKey(TEST_API_KEY))).resolves.toEqual({
      subject: 'svc-reporting',
      kind: 'service',
      scopes: ['reports:read'],
      claims: {},
      authTime: undefined,
      amr: [],
      credential: 'apiKey',
      tokenId: TEST_API_KEY_ID,
    });
  });

  it('refuses the right prefix and id with a wrong secret', async () => {
    const wrong = `${prefix}_${id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const event = await expectDenied(h, apiKey(wrong), { reason: 'api_key_mismatch' });
    expect(event.credential).toBe('apiKey');
  });

  it('answers an unknown id exactly like a wrong secret', async () => {
    const unknown = createApiKey({ prefix: 'awk' }).key;
    await expectDenied(h, apiKey(unknown), { reason: 'api_key_unknown' });
  });

  it.each([
    ['an empty value', ''],
    ['no separators', 'awk'],
    ['a short secret', `${prefix}_${id}_${secret.slice(1)}`],
    ['a long secret', `${prefix}_${id}_${secret}A`],
    ['an upper-case id', `${prefix}_${id.toUpperCase()}_${secret}`],
    ['a prefix with a dash', `a-k_${id}_${secret}`],
    ['surrounding spaces', ` ${TEST_API_KEY} `],
    ['a 16 KiB value', 'a'.repeat(16 * 1024)],
  ])('refuses a key with %s as malformed', async (_name, value) => {
    await expectDenied(h, apiKey(value), { reason: 'api_key_malformed' });
  });

  it('passes only the public id to the lookup, never the secret', async () => {
    const seen: string[] = [];
    const spying = harness(testAuthOptions({ apiKeys: { lookup: (keyId) => (seen.push(keyId), apiKeyStore.get(keyId)) } }));
    await spying.guard(apiKey(TEST_API_KEY));
    expect(seen).toEqual([TEST_API_KEY_ID]);
  });

  it.each([
    ['throws', () => {
      throw new Error('db down');
    }],
    ['rejects', () => Promise.reject(new Error('db down'))],
  ])('denies when the lookup %s', async (_name, lookup) => {
    await expectDenied(harness(testAuthOptions({ apiKeys: { lookup } })), apiKey(TEST_API_KEY), { reason: 'api_key_lookup_failed' });
  });

  it.each([
    ['not an object', 'yes'],
    ['no hash', { subject: 's' }],
    ['a hash that is not SHA-256 hex', { hash: 'plaintext', subject: 's' }],
    ['no subject', { hash: hashApiKey(TEST_API_KEY) }],
    ['an unknown kind', { hash: hashApiKey(TEST_API_KEY), subject: 's', kind: 'admin' }],
  ])('denies when the stored record has %s', async (_name, record) => {
    const bad = harness(testAuthOptions({ apiKeys: { lookup: () => record as unknown as StoredApiKey } }));
    await expectDenied(bad, apiKey(TEST_API_KEY), { reason: 'api_key_lookup_failed' });
  });

  it('honours the stored kind, drops invalid scopes, and reads a custom header', async () => {
    const created = createApiKey({ prefix: 'live' });
    const store = new Map<string, StoredApiKey>([[created.id, { hash: created.hash, subject: 'alice', kind: 'user', scopes: ['a:read', 'bad scope', 'x,y'] }]]);
    const custom = harness(testAuthOptions({ apiKeys: { header: 'X-Service-Key', lookup: async (keyId) => store.get(keyId) } }));
    await expect(custom.guard(apiKey(created.key))).rejects.toMatchObject({ status: 401 });
    const req = { method: 'GET', url: '/', headers: { 'x-service-key': created.key } };
    await expect(custom.guard(req)).resolves.toMatchObject({ subject: 'alice', kind: 'user', scopes: ['a:read'] });
  });
});

describe('API key principals (one per stored record, never stale)', () => {
  it('reuses the frozen principal while the lookup returns the same, unchanged record', async () => {
    const created = createApiKey({ prefix: 'awr' });
    const record: { hash: string; subject: string; scopes: string[] } = { hash: created.hash, subject: 'svc-a', scopes: ['a:read'] };
    const h = harness(testAuthOptions({ apiKeys: { lookup: (id) => (id === created.id ? record : undefined) } }));
    const first = await h.guard(apiKey(created.key));
    const second = await h.guard(apiKey(created.key));
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('sees a record edited in place (scopes, subject) and a record replaced, at the next request', async () => {
    const created = createApiKey({ prefix: 'awr' });
    const record: { hash: string; subject: string; scopes: string[]; kind?: 'user' | 'service' } = { hash: created.hash, subject: 'svc-a', scopes: ['a:read', 'a:write'] };
    let current: StoredApiKey = record;
    const h = harness(testAuthOptions({ apiKeys: { lookup: (id) => (id === created.id ? current : undefined) } }));
    expect((await h.guard(apiKey(created.key)))?.scopes).toEqual(['a:read', 'a:write']);
    record.scopes.pop();
    expect((await h.guard(apiKey(created.key)))?.scopes).toEqual(['a:read']);
    record.scopes[0] = 'b:read';
    expect((await h.guard(apiKey(created.key)))?.scopes).toEqual(['b:read']);
    record.subject = 'svc-b';
    expect((await h.guard(apiKey(created.key)))?.subject).toBe('svc-b');
    record.kind = 'user';
    expect((await h.guard(apiKey(created.key)))?.kind).toBe('user');
    current = { hash: created.hash, subject: 'svc-c', scopes: [] };
    expect(await h.guard(apiKey(created.key))).toMatchObject({ subject: 'svc-c', scopes: [] });
  });

  it('still refuses a key whose record is gone or whose hash changed, after a cached success', async () => {
    const created = createApiKey({ prefix: 'awr' });
    const record = { hash: created.hash, subject: 'svc-a', scopes: ['a:read'] };
    let present = true;
    const h = harness(testAuthOptions({ apiKeys: { lookup: (id) => (present && id === created.id ? record : undefined) } }));
    await h.guard(apiKey(created.key));
    record.hash = hashApiKey(createApiKey({ prefix: 'awr' }).key);
    await expectDenied(h, apiKey(created.key), { reason: 'api_key_mismatch' });
    present = false;
    await expectDenied(h, apiKey(created.key), { reason: 'api_key_unknown' });
  });
});
