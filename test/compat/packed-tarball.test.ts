/**
 * The package as users get it: `npm pack`, installed from the tarball into two fresh projects, compiled
 * with TypeScript against the installed `.d.ts` files (resolved through the `exports` map), then started
 * with plain node. NestJS 11 apps are CommonJS; NestJS 12 is ESM-only, which the CommonJS build reaches
 * through Node >= 20.19's `require(esm)`. Each project serves the e2e spec's test API on NestJS (Express
 * and Fastify platforms), and the whole RequireAuth e2e spec runs against it. Slow (two `npm install`s),
 * so everything is installed once.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { describeRequireAuthSpec } from '../e2e/require-auth-spec';
import { FIXTURES, installedMajor, installFixture, type FixtureSpec } from './fixture-projects';
import { fixtureTestApi } from './fixture-test-api';
import { httpGet } from './http-get';
import { packTarball, REPO_ROOT, type PackedTarball } from './pack-tarball';
import { killRunningCommands, runCommand } from './run-command';
import { startServer, stopAllServers, type RunningServer } from './running-server';

const SECRET = randomBytes(32).toString('base64url');
const ISSUER = 'https://id.compat.test';
const AUDIENCE = 'compat-api';
const SETUP_TIMEOUT_MS = 6 * 60_000;

let workDir: string | undefined;
let tarball: PackedTarball;
const projects = new Map<string, string>();

function projectDir(spec: FixtureSpec): string {
  const dir = projects.get(spec.fixture);
  if (dir === undefined) throw new Error(`${spec.fixture} was not set up (see the beforeAll failure)`);
  return dir;
}

function token(subject: string, secret = SECRET): string {
  return sign({ sub: subject }, secret, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });
}

/** The four answers the Express fixture app must give: closed without a valid token, open with one, public open. */
async function expectGuarded(server: RunningServer, protectedPath: string, publicPath: string): Promise<void> {
  try {
    const anonymous = await httpGet(`${server.url}${protectedPath}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]*"/);

    const forged = await httpGet(`${server.url}${protectedPath}`, { authorization: `Bearer ${token('compat-user', randomBytes(32).toString('base64url'))}` });
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    expect(forged.body).toBe(anonymous.body);

    const valid = await httpGet(`${server.url}${protectedPath}`, { authorization: `Bearer ${token('compat-user')}` });
    expect(valid.status).toBe(200);
    expect(JSON.parse(valid.body)).toMatchObject({ subject: 'compat-user', credential: 'jwt' });

    const open = await httpGet(`${server.url}${publicPath}`);
    expect(open.status).toBe(200);
    expect(JSON.parse(open.body)).toEqual({ status: 'ok' });
  } catch (err: unknown) {
    // The app's own log (security events, stack traces) is what explains a wrong answer.
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`${message}\n\n=== fixture app output ===\n${server.output()}`, { cause: err });
  }
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'apiward-compat-'));
  const root = workDir;
  tarball = await packTarball(root);
  await Promise.all(
    FIXTURES.map(async (spec) => {
      projects.set(spec.fixture, await installFixture(spec, tarball.path, root, SETUP_TIMEOUT_MS - 60_000));
    }),
  );
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  killRunningCommands();
  await stopAllServers();
  if (workDir !== undefined && process.env.APIWARD_KEEP_COMPAT_DIR === undefined) {
    await rm(workDir, { recursive: true, force: true });
  }
}, 60_000);

test('the tarball ships the built entry points and docs, nothing else', async () => {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const targets = Object.values(pkg.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry as Record<string, string>)));
  for (const target of targets) {
    expect(tarball.files).toContain(target.replace(/^\.\//, ''));
  }
  const unexpected = tarball.files.filter((file) => !/^(dist\/.*\.(js|d\.ts)|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(file));
  expect(unexpected).toEqual([]);
});

describe.each(FIXTURES)('$title', (spec) => {
  test(`installs NestJS ${spec.nestMajor} and Express ${spec.expressMajor} at the top level`, async () => {
    expect(await installedMajor(projectDir(spec), '@nestjs/core')).toBe(spec.nestMajor);
    expect(await installedMajor(projectDir(spec), 'express')).toBe(spec.expressMajor);
  });

  test(`loads with plain node (${spec.smoke})`, async () => {
    const result = await runCommand(process.execPath, [spec.smoke], { cwd: projectDir(spec), timeoutMs: 30_000 });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, name: 'apiward' });
  });

  test(`apiward/express on Express ${spec.expressMajor}`, async () => {
    const server = await startServer(`${spec.fixture} express-app`, ['dist/express-app.js'], projectDir(spec), { COMPAT_JWT_SECRET: SECRET });
    try {
      await expectGuarded(server, '/me', '/health');
    } finally {
      await server.stop();
    }
  });
});

// NestJS 12 first: it is the platform only this suite reaches (jest here runs CommonJS).
describeRequireAuthSpec(
  [...FIXTURES]
    .sort((a, b) => b.nestMajor - a.nestMajor)
    .flatMap((spec) => (['express', 'fastify'] as const).map((platform) => fixtureTestApi(`${spec.fixture} nest-${platform}`, platform, () => projectDir(spec)))),
);
