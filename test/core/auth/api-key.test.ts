import { createHash } from 'node:crypto';
import { createApiKey, hashApiKey, parseApiKey } from '../../../src/core/auth/api-key';

describe('createApiKey / hashApiKey', () => {
  it('creates <prefix>_<id>_<secret> keys whose hash is the SHA-256 of the secret', () => {
    const { key, id, hash } = createApiKey({ prefix: 'live' });
    expect(key).toMatch(/^live_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key)!;
    expect(parsed).toEqual({ prefix: 'live', id, secret: key.slice('live_'.length + 25) });
    expect(hash).toBe(createHash('sha256').update(parsed.secret).digest('hex'));
    expect(hashApiKey(key)).toBe(hash);
    expect(hash).not.toContain(parsed.secret);
  });

  it('defaults the prefix and never repeats a key', () => {
    const keys = new Set(Array.from({ length: 100 }, () => createApiKey().key));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key.startsWith('awk_')).toBe(true);
  });

  it('parses secrets that contain "_" (base64url) unambiguously', () => {
    const key = `awk_${'a'.repeat(24)}_${'_'.repeat(43)}`;
    expect(parseApiKey(key)).toEqual({ prefix: 'awk', id: 'a'.repeat(24), secret: '_'.repeat(43) });
  });

  it.each([[''], ['x'], ['awk_123_abc'], [`awk_${'a'.repeat(24)}_${'b'.repeat(42)}`]])('refuses to hash a non-key %j', (value) => {
    expect(() => hashApiKey(value)).toThrow(TypeError);
  });

  it.each([[''], ['a_b'], ['a'.repeat(33)], ['é']])('refuses the prefix %j', (prefix) => {
    expect(() => createApiKey({ prefix })).toThrow(/option "prefix"/);
  });
});
