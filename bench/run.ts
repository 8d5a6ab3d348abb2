import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import Redis from 'ioredis';
import { parseBenchArgs } from './lib/bench-args';
import { buildReport, type BenchReport } from './lib/bench-report';
import { benchEnvironment } from './lib/bench-environment';
import { buildTree, removeTree } from './lib/build-tree';
import { LoadDriverClient } from './lib/load-driver-client';
import { machineInfo, versions } from './lib/machine-info';
import { measureVariants } from './lib/measure-variants';
import { runMemory } from './lib/memory-run';
import { renderMarkdown } from './lib/render-report';
import { selectVariants } from './lib/variants';

/**
 * `npm run bench [-- --quick] [--json <file>]`: apiward's cost against a bare app and against the stacks
 * users would pick instead. See bench/RESULTS.md for what is measured and how to read it.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const argv = process.argv.slice(2);
  const args = parseBenchArgs(argv);
  const specs = selectVariants(args.variants);
  const start = { at: new Date(), load: loadavg() };
  const log = (line: string): void => console.log(line);

  const { env, headersFor } = benchEnvironment();

  log(`building the apps into bench/.build/${process.pid} ...`);
  const buildDir = buildTree(root);
  const driver = LoadDriverClient.start(buildDir);
  const cleanup = (): void => {
    driver.stop();
    removeTree(buildDir);
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const { outcomes, fixedRate } = await measureVariants(specs, {
      buildDir,
      env,
      driver,
      args,
      headersFor,
      log,
    });
    const memory =
      args.memoryKeys > 0 ? await runMemory(buildDir, { keys: args.memoryKeys, boundedCheck: !args.quick, concurrency: args.quick ? 2 : 1 }, log) : [];
    const run = {
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      mode: args.quick ? ('quick' as const) : ('full' as const),
      rounds: args.rounds,
      warmupS: args.warmupSeconds,
      secondsPerRun: args.seconds,
      fixedSecondsPerRun: args.fixedSeconds,
      connections: args.connections,
      fixedRateReqPerSec: fixedRate,
    };
    const report: BenchReport = buildReport(machineInfo(start, run), versions(root, await redisVersion()), outcomes, memory);
    log('');
    log(renderMarkdown(report, outcomes));
    if (args.jsonFile !== undefined) {
      const file = resolve(args.jsonFile);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
      log(`\nJSON written to ${file}`);
    }
  } finally {
    cleanup();
  }
}

/** The Redis server's version for the report, or undefined when none answers (the variant then skips). */
async function redisVersion(): Promise<string | undefined> {
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  try {
    await client.connect();
    const info = await client.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1];
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`\nbench FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

export const BENCH_ENTRY = join('bench', 'run.ts');
