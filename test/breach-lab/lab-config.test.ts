import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLabConfig } from '../../examples/breach-lab/src/config/lab-config';
import { LAB_SETTING_SPECS, resolveLabSettings } from '../../examples/breach-lab/src/config/lab-settings';

describe('breach lab configuration', () => {
  it('defaults to the protected build on port 4100 with memory budgets on and no proxy trust', () => {
    const config = resolveLabConfig([], {});
    expect(config).toMatchObject({ mode: 'protected', port: 4100, store: 'memory', redisUrl: 'redis://127.0.0.1:6379', antiEnumeration: true, trustProxy: false, redisPrefix: 'breach-lab' });
    expect(config.identity).toEqual({ publicKeyFile: undefined, jwksUri: undefined, privateKeyFile: undefined });
  });

  it('reads --mode and --port (both spellings) over LAB_MODE and PORT', () => {
    expect(resolveLabConfig(['--mode', 'unprotected', '--port', '4200'], { LAB_MODE: 'protected', PORT: '1' })).toMatchObject({ mode: 'unprotected', port: 4200 });
    expect(resolveLabConfig(['--mode=unprotected', '--port=0'], {})).toMatchObject({ mode: 'unprotected', port: 0 });
    expect(resolveLabConfig([], { LAB_MODE: 'unprotected', PORT: '4300' })).toMatchObject({ mode: 'unprotected', port: 4300 });
  });

  it('reads LAB_STORE, LAB_REDIS_URL, LAB_ANTI_ENUM, LAB_TRUST_PROXY and the key variables', () => {
    const config = resolveLabConfig([], {
      LAB_STORE: 'redis',
      LAB_REDIS_URL: 'redis://127.0.0.1:6380',
      LAB_ANTI_ENUM: 'off',
      LAB_TRUST_PROXY: 'on',
      LAB_JWT_PUBLIC_KEY_FILE: '/k/pub.pem',
      LAB_JWKS_URI: 'http://127.0.0.1:9/jwks',
      LAB_JWT_PRIVATE_KEY_FILE: '/k/priv.pem',
    });
    expect(config).toMatchObject({ store: 'redis', redisUrl: 'redis://127.0.0.1:6380', antiEnumeration: false, trustProxy: ['loopback'] });
    expect(config.identity).toEqual({ publicKeyFile: '/k/pub.pem', jwksUri: 'http://127.0.0.1:9/jwks', privateKeyFile: '/k/priv.pem' });
  });

  it('reads LAB_TRUST_PROXY as off, on (loopback), a hop count or a list', () => {
    expect(resolveLabConfig([], { LAB_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(resolveLabConfig([], { LAB_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(resolveLabConfig([], { LAB_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(() => resolveLabConfig([], { LAB_TRUST_PROXY: 'everyone' })).toThrow(/LAB_TRUST_PROXY/);
  });

  it('refuses to start on a malformed value, naming the variable', () => {
    expect(() => resolveLabConfig(['--mode', 'open'], {})).toThrow(/LAB_MODE/);
    expect(() => resolveLabConfig(['--port', '70000'], {})).toThrow(/PORT/);
    expect(() => resolveLabConfig([], { LAB_STORE: 'disk' })).toThrow(/LAB_STORE/);
    expect(() => resolveLabConfig([], { LAB_ANTI_ENUM: 'maybe' })).toThrow(/LAB_ANTI_ENUM/);
    expect(() => resolveLabConfig([], { LAB_CUSTOMER_DISTINCT: '1e3' })).toThrow(/LAB_CUSTOMER_DISTINCT/);
    expect(() => resolveLabConfig([], { LAB_SCRYPT_COST: '1000' })).toThrow(/LAB_SCRYPT_COST/);
  });

  it('has a LAB_* override for every budget and deadline', () => {
    for (const [key, spec] of Object.entries(LAB_SETTING_SPECS)) {
      expect(spec.env).toMatch(/^LAB_[A-Z_]+$/);
      expect(resolveLabSettings({})[key as keyof typeof LAB_SETTING_SPECS]).toBe(spec.defaultValue);
      expect(resolveLabSettings({ [spec.env]: String(spec.defaultValue * 2) })[key as keyof typeof LAB_SETTING_SPECS]).toBe(spec.defaultValue * 2);
    }
  });

  it('documents every variable in the lab README', () => {
    const readme = readFileSync(join(__dirname, '../../examples/breach-lab/README.md'), 'utf8');
    const variables = [...Object.values(LAB_SETTING_SPECS).map((spec) => spec.env), 'LAB_MODE', 'PORT', 'LAB_STORE', 'LAB_REDIS_URL', 'LAB_REDIS_PREFIX', 'LAB_ENUM_HASH_KEY', 'LAB_ANTI_ENUM', 'LAB_TRUST_PROXY', 'LAB_JWT_PUBLIC_KEY_FILE', 'LAB_JWKS_URI', 'LAB_JWT_PRIVATE_KEY_FILE'];
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });
});
