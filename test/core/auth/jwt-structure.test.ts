/** Structural checks before any key or signature: segments, base64url, strict JSON, header rules. */
import { isCanonicalB64url } from '../../../src/core/auth/jwt-structure';
import { b64url, claims, craftToken, rsaKeys, signRaw, signRs256, testAuthOptions } from '../../support/tokens';
import { bearer, expectDenied, harness } from './guard-harness';

const RS_HEADER = { alg: 'RS256', typ: 'JWT' };
const validParts = (): string[] => signRs256().split('.');

describe('JWT structure (core guard)', () => {
  const h = harness();

  it('accepts a well-formed RS256 token (control)', async () => {
    await expect(h.guard(bearer(signRs256()))).resolves.toMatchObject({ subject: 'user-1', credential: 'jwt' });
  });

  describe('segments', () => {
    it.each([
      ['one segment', () => validParts()[0]!],
      ['two segments', () => validParts().slice(0, 2).join('.')],
      ['four segments', () => [...validParts(), 'AAAA'].join('.')],
      ['five segments', () => [...validParts(), 'AAAA', 'AAAA'].join('.')],
      ['an empty header segment', () => ['', ...validParts().slice(1)].join('.')],
      ['an empty signature', () => [...validParts().slice(0, 2), ''].join('.')],
    ])('refuses %s', async (_name, token) => {
      await expectDenied(h, bearer(token()), { reason: 'malformed_token' });
    });
  });

  describe('base64url', () => {
    const [header, payload, signature] = validParts() as [string, string, string];
    it.each([
      ['standard base64 "+" in the header', `${header.slice(0, -1)}+.${payload}.${signature}`],
      ['standard base64 "/" in the payload', `${header}.${payload.slice(0, -1)}/.${signature}`],
      ['padding "==" on the signature', `${header}.${payload}.${signature}==`],
      ['an impossible length (4n+1)', `${header}A.${payload}.${signature}`],
      ['"+" in the signature', `${header}.${payload}.${signature.slice(0, -1)}+`],
    ])('refuses %s', async (_name, token) => {
      await expectDenied(h, bearer(token), { reason: 'malformed_token' });
    });

    it('answers 400 for "=" inside the token: not even an RFC 6750 b64token', async () => {
      await expectDenied(h, bearer(`${header}.${payload}=.${signature}`), { reason: 'malformed_request', status: 400 });
    });

    it('refuses a non-canonical encoding (non-zero trailing bits) of a valid signature', async () => {
      // 256 bytes encode to 342 characters; the last one carries 4 unused bits. Flipping them keeps the bytes.
      const last = signature.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
      const malleated = `${header}.${payload}.${signature.slice(0, -1)}${twin}`;
      expect(Buffer.from(malleated.split('.')[2]!, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      await expectDenied(h, bearer(malleated), { reason: 'malformed_token' });
    });

    it('refuses non-zero trailing bits in the header and payload too', async () => {
      // 22-byte header and a payload padded to 3n+1 bytes: both segments end in a character with spare bits.
      let body = JSON.stringify(claims());
      while (Buffer.byteLength(body) % 3 !== 1) body = JSON.stringify({ ...(JSON.parse(body) as object), p: `${(JSON.parse(body) as { p?: string }).p ?? ''}x` });
      const [h64, p64, s64] = signRaw('{"alg":"RS256","a":12}', body, 'RS256', rsaKeys.privateKey).split('.') as [string, string, string];
      expect([h64.length % 4, p64.length % 4]).toEqual([2, 2]);
      await expect(h.guard(bearer(`${h64}.${p64}.${s64}`))).resolves.toMatchObject({ subject: 'user-1' });
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const twin = (segment: string): string => segment.slice(0, -1) + alphabet[alphabet.indexOf(segment.at(-1)!) ^ 1]!;
      expect(Buffer.from(twin(h64), 'base64url')).toEqual(Buffer.from(h64, 'base64url'));
      await expectDenied(h, bearer(`${twin(h64)}.${p64}.${s64}`), { reason: 'malformed_token' });
      await expectDenied(h, bearer(`${h64}.${twin(p64)}.${s64}`), { reason: 'malformed_token' });
    });

    it('isCanonicalB64url agrees with decoding and re-encoding, on every short string over the alphabet and beyond', () => {
      const reference = (s: string): boolean => /^[A-Za-z0-9_-]+$/.test(s) && s.length % 4 !== 1 && Buffer.from(s, 'base64url').toString('base64url') === s;
      const chars = 'AQgw_-9z+/=. ';
      const all = (length: number): string[] => (length === 0 ? [''] : all(length - 1).flatMap((p) => [...chars].map((c) => p + c)));
      const strings = [0, 1, 2, 3, 4].flatMap(all);
      // Every last character for each length class, plus a random sample of longer strings.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      for (const prefix of ['', 'A', 'AB', 'ABC', 'ABCD', 'ABCDE']) for (const c of alphabet) strings.push(prefix + c);
      for (let i = 0; i < 2_000; i++) strings.push(b64url(Buffer.from(String(i * 7919))).slice(0, 5 + (i % 40)));
      const disagreements = strings.filter((s) => isCanonicalB64url(s) !== reference(s));
      expect(disagreements).toEqual([]);
    });
  });

  describe('JSON', () => {
    it.each([
      ['a non-JSON header', craftToken('not json', claims())],
      ['a non-JSON payload', craftToken(RS_HEADER, 'not json')],
      ['a header that is an array', craftToken([RS_HEADER], claims())],
      ['a header that is a string', craftToken('"RS256"', claims())],
      ['a header that is null', craftToken('null', claims())],
      ['a header with a trailing comma', craftToken('{"alg":"RS256",}', claims())],
      ['invalid UTF-8 in the payload', `${b64url(JSON.stringify(RS_HEADER))}.${Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('base64url')}.${'A'.repeat(43)}`],
      ['a BOM before the header', craftToken('\ufeff{"alg":"RS256"}', claims())],
    ])('refuses %s', async (_name, token) => {
      await expectDenied(h, bearer(token), { reason: 'malformed_token' });
    });

    it.each([['"hello"'], ['123'], ['[]'], ['null'], ['true'], ['[{"sub":"user-1"}]']])('refuses the payload %s (not a JSON object)', async (payload) => {
      await expectDenied(h, bearer(craftToken(RS_HEADER, payload)), { reason: 'payload_not_object' });
    });

    it('refuses duplicate "sub" in a correctly signed payload', async () => {
      const c = claims();
      const json = `{"iss":"${c.iss as string}","aud":"${c.aud as string}","sub":"user-1","exp":${c.exp as number},"sub":"admin"}`;
      await expectDenied(h, bearer(signRaw('{"alg":"RS256","typ":"JWT"}', json, 'RS256', rsaKeys.privateKey)), { reason: 'duplicate_member' });
    });

    it('refuses a duplicate "alg" in the header', async () => {
      await expectDenied(h, bearer(signRaw('{"alg":"RS256","alg":"none"}', JSON.stringify(claims()), 'RS256', rsaKeys.privateKey)), { reason: 'duplicate_member' });
    });
  });

  describe('alg', () => {
    const cases = ['none', 'None', 'NONE', 'nOnE', 'noNe'].flatMap((alg) => [
      [`"${alg}" without a signature`, `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(claims()))}.`],
      [`"${alg}" with a signature`, craftToken({ alg, typ: 'JWT' }, claims())],
    ]);
    it.each(cases)('refuses alg %s', async (_name, token) => {
      await expectDenied(h, bearer(token!), { reason: 'alg_not_allowed' });
    });

    it.each([
      ['missing', { typ: 'JWT' }],
      ['lower-case rs256', { alg: 'rs256' }],
      ['a number', { alg: 256 }],
      ['an array', { alg: ['RS256'] }],
      ['not in the allowlist (RS512)', { alg: 'RS512' }],
      ['unknown (EdDSA)', { alg: 'EdDSA' }],
    ])('refuses alg %s', async (_name, header) => {
      await expectDenied(h, bearer(craftToken(header, claims())), { reason: 'alg_not_allowed' });
    });
  });

  describe('crit and kid', () => {
    it.each([
      ['an unknown extension', { crit: ['exp'], exp: 1 }],
      ['b64 (RFC 7797)', { crit: ['b64'], b64: false }],
      ['an empty list', { crit: [] }],
    ])('refuses crit with %s, even correctly signed', async (_name, extra) => {
      await expectDenied(h, bearer(signRs256(claims(), extra)), { reason: 'crit_unsupported' });
    });

    it.each([
      ['an object', { kid: { $ne: null } }],
      ['an array', { kid: ['k1', 'k2'] }],
      ['a number', { kid: 1 }],
      ['empty', { kid: '' }],
      ['257 characters', { kid: 'k'.repeat(257) }],
    ])('refuses a kid that is %s', async (_name, extra) => {
      await expectDenied(h, bearer(signRs256(claims(), extra)), { reason: 'bad_kid' });
    });

    it('refuses a 10 KB kid: over the default size cap, and as a kid when the cap is raised', async () => {
      const token = signRs256(claims(), { kid: 'k'.repeat(10_240) });
      await expectDenied(h, bearer(token), { reason: 'token_too_large' });
      const roomy = harness(testAuthOptions({ jwt: { ...testAuthOptions().jwt!, maxTokenBytes: 65_536 } }));
      await expectDenied(roomy, bearer(token), { reason: 'bad_kid' });
    });

    it('treats a path traversal kid as a plain string: a static key ignores it, a forgery still fails', async () => {
      const kid = '../../../../../dev/null';
      await expect(h.guard(bearer(signRs256(claims(), { kid })))).resolves.toMatchObject({ subject: 'user-1' });
      await expectDenied(h, bearer(signRaw(JSON.stringify({ alg: 'HS256', kid }), JSON.stringify(claims()), 'HS256', '')), { reason: 'alg_not_allowed' });
    });
  });
});
