import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttackTokens } from '../../examples/breach-lab/attacks/lib/attack-tokens';
import { LabClient } from '../../examples/breach-lab/attacks/lib/lab-client';
import { DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE, rsaThumbprint } from '../../examples/breach-lab/src/identity/lab-identity';
import { bodyOf, startTestLab } from './support/test-lab';

/** The lab's key sources: LAB_JWT_PUBLIC_KEY_FILE / LAB_JWT_PRIVATE_KEY_FILE, LAB_JWKS_URI, the dev pair. */
describe('breach lab identity keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breach-lab-keys-'));
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateFile = join(dir, 'private.pem');
  const publicFile = join(dir, 'public.pem');
  writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the committed dev pair is an RSA pair', () => {
    const publicKey = createPublicKey(readFileSync(DEV_PUBLIC_KEY_FILE, 'utf8'));
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(rsaThumbprint(publicKey)).toBe(rsaThumbprint(createPublicKey(readFileSync(DEV_PRIVATE_KEY_FILE, 'utf8'))));
  });

  it('verifies with LAB_JWT_PUBLIC_KEY_FILE and signs logins with LAB_JWT_PRIVATE_KEY_FILE; dev-key tokens are refused', async () => {
    const lab = await startTestLab('protected', { LAB_JWT_PUBLIC_KEY_FILE: publicFile, LAB_JWT_PRIVATE_KEY_FILE: privateFile });
    const client = new LabClient(lab.url, { localAddress: '127.0.0.81' });
    try {
      expect((await client.send({ path: '/api/customers/10101', token: new AttackTokens(privateFile).customer(10_101) })).status).toBe(200);
      expect((await client.send({ path: '/api/customers/10101', token: new AttackTokens(DEV_PRIVATE_KEY_FILE).customer(10_101) })).status).toBe(401);
      const login = await client.send({ method: 'POST', path: '/api/login', json: { email: 'c10102@breach-lab.test', password: 'pw-10102' } });
      expect((await client.send({ path: '/api/customers/10102', token: String(bodyOf(login).accessToken) })).status).toBe(200);
    } finally {
      client.close();
      await lab.close();
    }
  });

  describe('LAB_JWKS_URI', () => {
    let jwks: Server;
    let uri = '';
    beforeAll(async () => {
      const publicKey = createPublicKey(readFileSync(DEV_PUBLIC_KEY_FILE, 'utf8'));
      const body = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: rsaThumbprint(publicKey), alg: 'RS256', use: 'sig' }] });
      jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
      uri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

    it.each(['protected', 'unprotected'] as const)('verifies tokens through the JWKS (%s build)', async (mode) => {
      const lab = await startTestLab(mode, { LAB_JWKS_URI: uri });
      const client = new LabClient(lab.url, { localAddress: '127.0.0.82' });
      const tokens = new AttackTokens(DEV_PRIVATE_KEY_FILE);
      try {
        const admin = await client.send({ method: 'POST', path: '/api/admin/accounts/10103/email', json: { email: `jwks-${mode}@breach-lab.test` }, token: tokens.admin({ mfa: true, authAgeMs: 0 }) });
        expect(admin.status).toBe(200);
        const forged = new AttackTokens(privateFile).admin({ mfa: true, authAgeMs: 0 });
        expect((await client.send({ method: 'POST', path: '/api/admin/accounts/10103/email', json: { email: 'forged@evil.test' }, token: forged })).status).toBe(401);
      } finally {
        client.close();
        await lab.close();
      }
    });
  });
});
