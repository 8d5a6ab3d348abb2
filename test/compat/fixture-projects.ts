/**
 * The fresh user projects the packed tarball is installed into: a CommonJS one on NestJS 11 and
 * Express 4, an ESM one on NestJS 12 (ESM-only) and Express 5. Each is its fixture directory plus the
 * shared sources of fixtures/shared/ (the e2e spec's test API), compiled with the repo's own tsc.
 */
import { cp, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TSC } from './pack-tarball';
import { runCommand } from './run-command';

export interface FixtureSpec {
  readonly title: string;
  readonly fixture: string;
  readonly dependencies: readonly string[];
  readonly smoke: string;
  readonly nestMajor: number;
  readonly expressMajor: number;
}

export const FIXTURES: readonly FixtureSpec[] = [
  {
    title: 'CommonJS project on NestJS 11 and Express 4',
    fixture: 'cjs-nest11',
    dependencies: ['@nestjs/common@11', '@nestjs/core@11', '@nestjs/platform-express@11', '@nestjs/platform-fastify@11', 'express@4', '@types/express@4'],
    smoke: 'smoke.cjs',
    nestMajor: 11,
    expressMajor: 4,
  },
  {
    title: 'ESM project on NestJS 12 and Express 5',
    fixture: 'esm-nest12',
    dependencies: ['@nestjs/common@12', '@nestjs/core@12', '@nestjs/platform-express@12', '@nestjs/platform-fastify@12', 'express@5', '@types/express@5'],
    smoke: 'smoke.mjs',
    nestMajor: 12,
    expressMajor: 5,
  },
];
const COMMON_DEPENDENCIES = ['reflect-metadata', 'rxjs@7', '@types/node@20'];
const FIXTURES_DIR = join(__dirname, 'fixtures');
const SHARED_DIR = join(FIXTURES_DIR, 'shared');

/** Copies the fixture into `root`, installs the tarball and the framework versions, and compiles it. */
export async function installFixture(spec: FixtureSpec, tgz: string, root: string, timeoutMs: number): Promise<string> {
  const dir = join(root, spec.fixture);
  await cp(join(FIXTURES_DIR, spec.fixture), dir, { recursive: true });
  for (const file of await readdir(SHARED_DIR)) await cp(join(SHARED_DIR, file), join(dir, 'src', file));
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tgz, ...spec.dependencies, ...COMMON_DEPENDENCIES], {
    cwd: dir,
    timeoutMs,
  });
  // The repo's own compiler, so the proof is about the package's types, not a compiler version.
  await runCommand(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir, timeoutMs: 120_000 });
  return dir;
}

/** The major version npm actually installed at the project's top level. */
export async function installedMajor(dir: string, name: string): Promise<number> {
  const { version } = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return Number(version.split('.')[0]);
}
