import { FIRST_CUSTOMER_ID, LAST_CUSTOMER_ID, customerEmail, customerPhone, generateCustomer } from '../../examples/breach-lab/src/data/customer';
import { PasswordHasher } from '../../examples/breach-lab/src/data/password-hasher';
import { ResetTokens } from '../../examples/breach-lab/src/services/reset-tokens';
import { resolveLabConfig } from '../../examples/breach-lab/src/config/lab-config';

describe('breach lab data', () => {
  it('has customers 10001-15000 with the contract formats', () => {
    expect([FIRST_CUSTOMER_ID, LAST_CUSTOMER_ID]).toEqual([10_001, 15_000]);
    expect(customerEmail(10_001)).toBe('c10001@breach-lab.test');
    expect(customerPhone(10_001)).toBe('+15550010001');
    expect(customerPhone(15_000)).toBe('+15550015000');
    const customer = generateCustomer(10_001);
    expect(Object.keys(customer).sort()).toEqual(['address', 'dateOfBirth', 'email', 'id', 'name', 'passportNumber', 'phone']);
    expect(customer.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(customer.passportNumber).toMatch(/^PA\d{7}$/);
  });

  it('is deterministic: the same id always gives the same row', () => {
    expect(generateCustomer(12_345)).toEqual(generateCustomer(12_345));
    expect(generateCustomer(12_345)).not.toEqual(generateCustomer(12_346));
  });

  it('stores scrypt hashes that verify only the right password', async () => {
    const hasher = new PasswordHasher(1024);
    const hash = await hasher.hash('pw-10001');
    expect(hash).toMatch(/^scrypt\$1024\$/);
    expect(hash).not.toContain('pw-10001');
    await expect(hasher.verify(hash, 'pw-10001')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'pw-10002')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'pw-10001')).resolves.toBe(false);
  });
});

describe('reset tokens (protected reset confirm)', () => {
  const config = resolveLabConfig([], { LAB_RESET_TOKEN_TTL_MS: '60000' });

  it('works once, for the account it was issued for', () => {
    const tokens = new ResetTokens(config);
    const token = tokens.issue(10_001, 1_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.consume(token, 2_000)).toBe(10_001);
    expect(tokens.consume(token, 2_000)).toBeUndefined();
  });

  it('expires after LAB_RESET_TOKEN_TTL_MS', () => {
    const tokens = new ResetTokens(config);
    const token = tokens.issue(10_001, 1_000);
    expect(tokens.consume(token, 61_000)).toBeUndefined();
  });

  it('proves nothing when it is anything else', () => {
    const tokens = new ResetTokens(config);
    tokens.issue(10_001, 1_000);
    expect(tokens.consume('c10001@breach-lab.test', 2_000)).toBeUndefined();
    expect(tokens.consume('eyJhbGciOiJSUzI1NiJ9.e30.sig', 2_000)).toBeUndefined();
  });
});
