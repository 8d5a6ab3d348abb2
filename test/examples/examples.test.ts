/**
 * The README's first command (`npm run demo`) and the examples it points to, run as a user runs them:
 * separate node processes over real HTTP. The demo builds dist/ when it is missing or stale.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { httpGet } from '../compat/http-get';
import { runCommand } from '../compat/run-command';
import { startServer, stopAllServers } from '../compat/running-server';
import identity from '../../examples/express-basic/identity.json';

const ROOT = join(__dirname, '..', '..');

afterAll(() => stopAllServers());

test('npm run demo shows a refused and an accepted request and exits 0', async () => {
  const { stdout } = await runCommand(process.execPath, [join(ROOT, 'scripts', 'demo.js')], { cwd: ROOT, timeoutMs: 150_000 });
  expect(stdout).toMatch(/GET \/me without a token\n\s+→ 401 REFUSED/);
  expect(stdout).toMatch(/WWW-Authenticate: Bearer realm=/);
  expect(stdout).toMatch(/GET \/me with a valid HS256 token[^\n]*\n\s+→ 200 accepted/);
  expect(stdout).toContain('demo passed');
}, 160_000);

test('examples/express-basic: deny by default, public health check', async () => {
  const secret = randomBytes(32).toString('base64url');
  // `apiward/express` resolves to dist/ from inside the repo (the demo above has usually built it already).
  await runCommand(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js')], { cwd: ROOT, timeoutMs: 120_000 });
  const server = await startServer('express-basic', ['-r', 'ts-node/register/transpile-only', join('examples', 'express-basic', 'main.ts')], ROOT, {
    PORT: '0',
    EXAMPLE_JWT_SECRET: secret,
  });
  try {
    const health = await httpGet(`${server.url}/health`);
    expect(health.status).toBe(200);
    const anonymous = await httpGet(`${server.url}/me`);
    expect(anonymous.status).toBe(401);
    const token = sign({ sub: 'user-7' }, secret, { algorithm: 'HS256', issuer: identity.issuer, audience: identity.audience, expiresIn: '5m' });
    const me = await httpGet(`${server.url}/me`, { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ subject: 'user-7', credential: 'jwt' });
  } finally {
    await server.stop();
  }
}, 150_000);
