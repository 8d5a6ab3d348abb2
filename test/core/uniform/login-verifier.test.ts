import { createLoginVerifier } from '../../../src/core/uniform/login-verifier';
import type { PasswordHasher } from '../../../src/core/uniform/password-hasher';
import { decodeScryptHash, ScryptPasswordHasher } from '../../../src/core/uniform/scrypt-password-hasher';

/** The real scrypt hasher, with each verification recorded. */
class RecordingHasher implements PasswordHasher {
  readonly verified: string[] = [];
  readonly inner = new ScryptPasswordHasher({ logN: 10 });
  hash(password: string): Promise<string> {
    return this.inner.hash(password);
  }
  async verify(encoded: string, password: string): Promise<boolean> {
    const result = await this.inner.verify(encoded, password);
    this.verified.push(encoded);
    return result;
  }
}

describe('createLoginVerifier', () => {
  it('makes its dummy hash once, with the configured algorithm and parameters', async () => {
    const hasher = new RecordingHasher();
    const hash = jest.spyOn(hasher, 'hash');
    const verifier = await createLoginVerifier({ hasher });
    expect(hash).toHaveBeenCalledTimes(1);
    const dummy = decodeScryptHash(verifier.dummyHash);
    expect(dummy).toMatchObject({ logN: 10, blockSize: 8, parallelization: 1 });
    expect(dummy?.salt).toHaveLength(16);
    expect(dummy?.digest).toHaveLength(32);
    // A real, verifiable hash of the same algorithm: the configured hasher accepts it.
    await expect(hasher.inner.verify(verifier.dummyHash, 'guess')).resolves.toBe(false);
    await verifier.verify(undefined, 'x');
    await verifier.verify(undefined, 'y');
    expect(hash).toHaveBeenCalledTimes(1);
  });

  it('a missing account: one real verification against the dummy, then false', async () => {
    const hasher = new RecordingHasher();
    const verifier = await createLoginVerifier({ hasher });
    await expect(verifier.verify(undefined, 'anything')).resolves.toBe(false);
    await expect(verifier.verify(null, '')).resolves.toBe(false);
    expect(hasher.verified).toEqual([verifier.dummyHash, verifier.dummyHash]);
  });

  it('an existing account: one verification against its hash', async () => {
    const hasher = new RecordingHasher();
    const verifier = await createLoginVerifier({ hasher });
    const stored = await hasher.hash('pw-10001');
    await expect(verifier.verify(stored, 'pw-10001')).resolves.toBe(true);
    await expect(verifier.verify(stored, 'wrong')).resolves.toBe(false);
    expect(hasher.verified).toEqual([stored, stored]);
  });

  it('a password that is not a string still costs one verification and never matches', async () => {
    const hasher = new RecordingHasher();
    const verifier = await createLoginVerifier({ hasher });
    const stored = await hasher.hash('');
    await expect(verifier.verify(stored, { $ne: 1 })).resolves.toBe(false);
    await expect(verifier.verify(undefined, ['pw'])).resolves.toBe(false);
    expect(hasher.verified).toHaveLength(2);
  });

  it('defaults to scrypt', async () => {
    // The default cost (2^17) is exercised in scrypt-password-hasher.test.ts; here only the shape.
    const verifier = await createLoginVerifier({ hasher: new ScryptPasswordHasher({ logN: 10 }) });
    expect(verifier.dummyHash.startsWith('$scrypt$ln=10,')).toBe(true);
  });

  it('refuses a hasher without hash/verify and unknown options', async () => {
    await expect(createLoginVerifier({ hasher: {} as PasswordHasher })).rejects.toThrow('option "loginVerifier.hasher"');
    await expect(createLoginVerifier({ hashr: 1 } as never)).rejects.toThrow('option "loginVerifier.hashr"');
  });
});
