import { join, resolve } from 'node:path';
import { allocationSites, renderSites, totalOf, type AllocationSites } from './lib/allocation-sites';
import { benchEnvironment } from './lib/bench-environment';
import { buildTree, removeTree } from './lib/build-tree';
import type { HeapSamplerMessage } from './lib/heap-sampler';
import { runPaced } from './lib/paced-load';
import { preflight, startVariant } from './lib/variant-process';
import { selectVariants } from './lib/variants';
import { ITEM_PATH } from './apps/variant-app';

/**
 * `npm run bench:alloc [-- --variants a,b,… --requests N --rate R --top K]`: bytes each variant allocates
 * per request, by allocating function, and what each variant allocates beyond the bare app of its
 * framework (added to the list when not named, and measured first). Garbage is what a request costs the server twice: the allocation, and the collection whose
 * pause the next requests wait out (the fixed-rate p99 of `npm run bench`). Counts, not timings: the
 * figures repeat within a few percent from run to run on a noisy machine, where req/s does not.
 *
 * Each variant runs in its own process with V8's sampling heap profiler (bench/lib/heap-sampler.ts),
 * which samples from after a paced warm-up until the measured requests are answered.
 */
interface AllocArgs {
  readonly variants: readonly string[];
  readonly requests: number;
  readonly rate: number;
  readonly top: number;
}

function parseArgs(argv: readonly string[]): AllocArgs {
  const args = { variants: ['nest-bare', 'nest-apiward-hs256'], requests: 20_000, rate: 2_000, top: 25 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new TypeError(`${String(flag)} needs a value`);
    if (flag === '--variants') args.variants = value.split(',');
    else if (flag === '--requests' || flag === '--rate' || flag === '--top') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new TypeError(`${flag} must be a positive integer`);
      args[flag.slice(2) as 'requests' | 'rate' | 'top'] = n;
    } else throw new TypeError(`unknown option ${String(flag)} (--variants, --requests, --rate, --top)`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const specs = selectVariants(args.variants);
  const { env, headersFor } = benchEnvironment();
  const buildDir = buildTree(resolve(__dirname, '..'));
  const sampler = ['--require', join(buildDir, 'bench', 'lib', 'heap-sampler.js')];
  const measured = new Map<string, AllocationSites>();
  try {
    for (const spec of specs) {
      const started = await startVariant(buildDir, spec.name, env, 60_000, sampler);
      if (started.kind === 'skip') {
        console.log(`${spec.name}: SKIPPED (${started.reason})`);
        continue;
      }
      const server = started.server;
      try {
        const headers = server.headers ?? headersFor(spec);
        await preflight(server.port, ITEM_PATH, headers);
        const load = { url: `http://127.0.0.1:${server.port}${ITEM_PATH}`, headers, connections: 10, rate: args.rate };
        await runPaced({ ...load, seconds: 2 });
        await server.ask<HeapSamplerMessage>({ type: 'heap-start' }, 'heap-started');
        const out = await runPaced({ ...load, seconds: args.requests / args.rate });
        const answered = out.latenciesMs.length;
        if (answered === 0 || out.errors + out.timeouts > 0 || Object.keys(out.statusCounts).some((code) => code !== '200')) {
          throw new Error(`${spec.name}: not every answer was 200 (${JSON.stringify(out.statusCounts)}, ${out.errors} errors, ${out.timeouts} timeouts)`);
        }
        const sampled = await server.ask<HeapSamplerMessage>({ type: 'heap-stop' }, 'heap-profile');
        if (sampled.type !== 'heap-profile') throw new Error('no heap profile');
        const sites = allocationSites(sampled.profile, answered);
        const baseline = spec.baseline === spec.name ? undefined : measured.get(spec.baseline);
        const beyond = baseline === undefined ? '' : `, ${Math.round(totalOf(sites) - totalOf(baseline))} beyond ${spec.baseline}`;
        console.log(`\n${spec.name}: ${Math.round(totalOf(sites))} bytes allocated per request${beyond} (${answered} requests at ${args.rate} req/s)`);
        for (const line of renderSites(sites, args.top, baseline)) console.log(line);
        measured.set(spec.name, sites);
      } finally {
        await server.stop();
      }
    }
  } finally {
    removeTree(buildDir);
  }
}

main().catch((err: unknown) => {
  console.error(`\nbench:alloc FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
