import { scryptSync } from 'node:crypto';
import { decodeScryptHash, ScryptPasswordHasher } from '../../../src/core/uniform/scrypt-password-hasher';

// A low cost keeps the suite fast; the defaults are checked once below.
const cheap = { logN: 10 };

describe('ScryptPasswordHasher', () => {
  it('encodes algorithm, parameters, salt and digest; the digest is scrypt of the password', async () => {
    const hasher = new ScryptPasswordHasher(cheap);
    const encoded = await hasher.hash('correct horse');
    expect(encoded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const d = decodeScryptHash(encoded);
    expect(d).toBeDefined();
    const expected = scryptSync('correct horse', d!.salt, 32, { N: 1024, r: 8, p: 1 });
    expect(d!.digest.equals(expected)).toBe(true);
  });

  it('verifies the right password only', async () => {
    const hasher = new ScryptPasswordHasher(cheap);
    const encoded = await hasher.hash('correct horse');
    await expect(hasher.verify(encoded, 'correct horse')).resolves.toBe(true);
    await expect(hasher.verify(encoded, 'correct hors')).resolves.toBe(false);
    await expect(hasher.verify(encoded, 123 as unknown as string)).resolves.toBe(false);
  });

  it('salts: two hashes of one password differ', async () => {
    const hasher = new ScryptPasswordHasher(cheap);
    expect(await hasher.hash('pw')).not.toBe(await hasher.hash('pw'));
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const old = await new ScryptPasswordHasher({ logN: 11, blockSize: 4 }).hash('pw');
    await expect(new ScryptPasswordHasher(cheap).verify(old, 'pw')).resolves.toBe(true);
  });

  it('normalises to NFC, so composed and decomposed spellings match', async () => {
    const hasher = new ScryptPasswordHasher(cheap);
    await expect(hasher.verify(await hasher.hash('caf\u00e9'), 'cafe\u0301')).resolves.toBe(true);
  });

  it('rejects a stored hash that is not a valid scrypt hash, or asks for too much', async () => {
    const hasher = new ScryptPasswordHasher(cheap);
    const good = await hasher.hash('pw');
    for (const bad of ['', 'plaintext', good.replace('ln=10', 'ln=30'), good.replace('$scrypt$', '$argon2id$'), `${good}$extra`]) {
      await expect(hasher.verify(bad, 'pw')).rejects.toThrow('not a valid $scrypt$ hash');
    }
  });

  it('defaults to N = 2^17, r = 8, p = 1, 16-byte salt, 32-byte key', async () => {
    const hasher = new ScryptPasswordHasher();
    expect(hasher.options).toEqual({ logN: 17, blockSize: 8, parallelization: 1, saltBytes: 16, keyBytes: 32 });
    const encoded = await hasher.hash('pw');
    expect(encoded.startsWith('$scrypt$ln=17,r=8,p=1$')).toBe(true);
  });

  it.each([
    [{ logN: 9 }, 'scrypt.logN'],
    [{ logN: 21 }, 'scrypt.logN'],
    [{ blockSize: 0 }, 'scrypt.blockSize'],
    [{ saltBytes: 8 }, 'scrypt.saltBytes'],
    [{ cost: 5 }, 'scrypt.cost'],
  ])('refuses %p', (options, where) => {
    expect(() => new ScryptPasswordHasher(options as never)).toThrow(`option "${where}"`);
  });
});
