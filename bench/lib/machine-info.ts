import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** What the figures were measured on. Ratios travel between machines; absolute numbers do not. */
export interface MachineInfo {
  readonly platform: string;
  readonly arch: string;
  readonly kernel: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly totalMemMiB: number;
  readonly node: string;
  readonly loadAvgAtStart: readonly number[];
  readonly loadAvgAtEnd: readonly number[];
  readonly startedAt: string;
  readonly durationS: number;
  /** The run's settings (`--quick` or full, rounds, lengths, the one fixed rate). */
  readonly run: RunSettings;
}

export interface RunSettings {
  readonly command: string;
  readonly mode: 'quick' | 'full';
  readonly rounds: number;
  readonly warmupS: number;
  readonly secondsPerRun: number;
  readonly fixedSecondsPerRun: number;
  readonly connections: number;
  /** Requests per second of every fixed-rate run: half the slowest bare app's req/s in round 1. */
  readonly fixedRateReqPerSec: number | null;
}

export function machineInfo(start: { at: Date; load: readonly number[] }, run: RunSettings): MachineInfo {
  const cpuList = cpus();
  return {
    platform: platform(),
    arch: arch(),
    kernel: release(),
    cpuModel: cpuList[0]?.model ?? 'unknown',
    cpus: cpuList.length,
    totalMemMiB: Math.round(totalmem() / 1024 / 1024),
    node: process.version,
    loadAvgAtStart: start.load.map((l) => Math.round(l * 100) / 100),
    loadAvgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    startedAt: start.at.toISOString(),
    durationS: Math.round((Date.now() - start.at.getTime()) / 1000),
    run,
  };
}

const PACKAGES = [
  '@nestjs/core',
  '@nestjs/platform-express',
  '@nestjs/platform-fastify',
  'fastify',
  'express',
  'jsonwebtoken',
  'rate-limiter-flexible',
  'ioredis',
  '@nestjs/throttler',
  '@nestjs/passport',
  'passport',
  'passport-jwt',
  'express-jwt',
  'express-rate-limit',
  'autocannon',
];

/** Versions of everything measured (read from package.json files: some packages do not export it). */
export function versions(root: string, redisVersion: string | undefined): Record<string, string> {
  const out: Record<string, string> = { node: process.version, apiward: pkgVersion(join(root, 'package.json')) };
  const commit = gitCommit(root);
  if (commit !== undefined) out['apiward-commit'] = commit;
  for (const name of PACKAGES) out[name] = pkgVersion(join(root, 'node_modules', name, 'package.json'));
  // Nest's Express platform brings its own Express; say which one served the Nest variants.
  const nested = join(root, 'node_modules', '@nestjs', 'platform-express', 'node_modules', 'express', 'package.json');
  if (existsSync(nested)) out['express (under @nestjs/platform-express)'] = pkgVersion(nested);
  if (redisVersion !== undefined) out['redis-server'] = redisVersion;
  return out;
}

function pkgVersion(file: string): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const v = typeof parsed === 'object' && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'not installed';
  }
}

function gitCommit(root: string): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head}+uncommitted src changes` : head;
  } catch {
    return undefined;
  }
}
