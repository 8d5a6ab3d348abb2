import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command';

export const REPO_ROOT = join(__dirname, '..', '..');
export const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

export interface PackedTarball {
  /** Absolute path of the `.tgz`. */
  readonly path: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  readonly files: readonly string[];
}

interface PackJson {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

/**
 * Builds the package into a staging copy and runs `npm pack` there. The staging copy holds the real
 * package.json and every entry of its "files" list, with `dist/` compiled fresh from `src/` by the
 * real build config: the tarball is what `npm publish` would ship, and the repo's own `dist/` (which the
 * demo and examples use) is never rewritten while other suites run.
 */
export async function packTarball(workDir: string): Promise<PackedTarball> {
  const stage = join(workDir, 'stage');
  await mkdir(stage, { recursive: true });
  await runCommand(process.execPath, [TSC, '-p', join(REPO_ROOT, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')], {
    cwd: REPO_ROOT,
    timeoutMs: 180_000,
  });
  const pkgText = await readFile(join(REPO_ROOT, 'package.json'), 'utf8');
  await writeFile(join(stage, 'package.json'), pkgText);
  const pkg = JSON.parse(pkgText) as { files?: unknown };
  const listed = Array.isArray(pkg.files) ? pkg.files.filter((f): f is string => typeof f === 'string') : [];
  for (const entry of listed) {
    if (entry === 'dist' || !existsSync(join(REPO_ROOT, entry))) continue;
    await cp(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
  }
  // --ignore-scripts: `prepack` would rebuild into the staging dir's own dist/ with a tsc it does not have.
  const packed = await runCommand('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', workDir], {
    cwd: stage,
    timeoutMs: 60_000,
  });
  const [info] = JSON.parse(packed.stdout) as PackJson[];
  if (info === undefined) throw new Error(`npm pack printed no result:\n${packed.stdout}`);
  return { path: join(workDir, info.filename), files: info.files.map((f) => f.path) };
}
