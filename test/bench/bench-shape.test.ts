import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summarizeVariants, type VariantOutcome } from '../../bench/lib/bench-report';
import { parseBenchArgs } from '../../bench/lib/bench-args';
import { VARIANTS, selectVariants } from '../../bench/lib/variants';
import { roundOf } from '../support/bench-rounds';

/*
 * The bench is not a timed test: nothing here asserts a speed. This checks the report's documented shape
 * (`--quick --json`), the ratio arithmetic, and that one tiny real run (two bare apps, rounds of half a
 * second, a few thousand memory keys) goes through the whole harness.
 */
const VARIANT_KEYS = ['name', 'reqPerSec', 'p50Ms', 'p99Ms', 'rssMiB', 'ratio', 'fixedRateP99Ms'];
const FIXED_NAMES = [
  'nest-bare',
  'nest-apiward-hs256',
  'nest-apiward-rs256',
  'nest-apiward-apikey',
  'nest-apiward-redis',
  'nest-apiward-fastify',
  'nest-peer-hs256',
  'nest-peer-rs256',
  'nest-peer-hs256-keyobject',
  'express-bare',
  'express-apiward-hs256',
  'express-peer-hs256',
];

const spec = (name: string) => VARIANTS.find((v) => v.name === name)!;

describe('bench variants and arguments', () => {
  it('keeps every variant name the issue fixes, plus the Fastify baseline', () => {
    expect(VARIANTS.map((v) => v.name).sort()).toEqual([...FIXED_NAMES, 'nest-bare-fastify'].sort());
    expect(spec('nest-apiward-fastify').baseline).toBe('nest-bare-fastify');
    expect(spec('express-peer-hs256').baseline).toBe('express-bare');
  });

  it('adds the baselines of the selected variants', () => {
    expect(selectVariants(['nest-apiward-fastify']).map((v) => v.name)).toEqual(['nest-bare-fastify', 'nest-apiward-fastify']);
    expect(() => selectVariants(['nest-nope'])).toThrow(TypeError);
  });

  it('maps --quick to short rounds and refuses unknown flags', () => {
    const quick = parseBenchArgs(['--quick', '--json', 'out.json']);
    expect(quick).toMatchObject({ quick: true, jsonFile: 'out.json', memoryKeys: 1_000_000 });
    expect(quick.rounds).toBeGreaterThanOrEqual(2);
    expect(() => parseBenchArgs(['--fast'])).toThrow(TypeError);
    expect(() => parseBenchArgs(['--rounds', '1'])).toThrow(TypeError);
  });
});

describe('summarizeVariants', () => {
  const m = roundOf;

  it('reports the median of per-round ratios to the same round\'s bare app, and nulls for a skipped variant', () => {
    const outcomes: VariantOutcome[] = [
      { spec: spec('nest-bare'), rounds: [m(1, 1000), m(2, 500, 3), m(3, 1000, 5)] },
      // Ratios 0.8, 0.8, 0.5: the median of ratios is 0.8, while medians of req/s would give 800/1000.
      { spec: spec('nest-apiward-hs256'), rounds: [m(1, 800), m(2, 400, 4), m(3, 500, 6)] },
      { spec: spec('nest-apiward-redis'), skipped: 'waiting for the Redis store', rounds: [] },
    ];
    const [bare, hs, redis] = summarizeVariants(outcomes);
    expect(bare).toEqual({ name: 'nest-bare', reqPerSec: 1000, p50Ms: 1, p99Ms: 2, rssMiB: 50, ratio: 1, fixedRateP99Ms: 4 });
    expect(hs).toMatchObject({ name: 'nest-apiward-hs256', reqPerSec: 500, ratio: 0.8, fixedRateP99Ms: 5 });
    expect(redis).toEqual({
      name: 'nest-apiward-redis',
      reqPerSec: null,
      p50Ms: null,
      p99Ms: null,
      rssMiB: null,
      ratio: null,
      fixedRateP99Ms: null,
      skipped: 'waiting for the Redis store',
    });
  });
});

describe('npm run bench -- --quick --json (tiny real run)', () => {
  const root = resolve(__dirname, '..', '..');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apiward-bench-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly { machine, versions, variants, memory } with the documented entries', async () => {
    const out = join(dir, 'bench.json');
    const args = ['--transpile-only', join('bench', 'run.ts'), '--quick', '--json', out, '--variants', 'express-bare,nest-bare'];
    args.push('--rounds', '2', '--warmup', '0.3', '--seconds', '0.5', '--fixed-seconds', '0.5', '--connections', '4', '--memory-keys', '2000');
    await new Promise<void>((done, fail) => {
      execFile(join(root, 'node_modules', '.bin', 'ts-node'), args, { cwd: root, timeout: 110_000 }, (err, stdout, stderr) => {
        if (err !== null) fail(new Error(`bench failed: ${err.message}\n${stdout}\n${stderr}`));
        else done();
      });
    });
    const report: unknown = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(report as object).sort()).toEqual(['machine', 'memory', 'variants', 'versions']);
    const { machine, versions, variants, memory } = report as Record<string, unknown>;
    expect(machine).toMatchObject({ cpus: expect.any(Number), node: process.version, run: expect.objectContaining({ mode: 'quick', rounds: 2 }) });
    expect(versions).toMatchObject({ apiward: expect.any(String), autocannon: expect.any(String), '@nestjs/core': expect.any(String) });

    expect(Array.isArray(variants)).toBe(true);
    const list = variants as Record<string, unknown>[];
    expect(list.map((v) => v.name)).toEqual(['nest-bare', 'express-bare']);
    for (const v of list) {
      expect(Object.keys(v)).toEqual(VARIANT_KEYS);
      for (const key of VARIANT_KEYS.slice(1)) expect(typeof v[key]).toBe('number');
      expect(v.reqPerSec as number).toBeGreaterThan(0);
      expect(v.ratio).toBe(1);
      expect(v.rssMiB as number).toBeGreaterThan(10);
    }

    const mem = memory as Record<string, unknown>[];
    expect(mem.map((x) => x.name)).toEqual(['apiward-anti-enumeration-memory', 'rate-limiter-flexible-memory', 'nestjs-throttler-memory']);
    for (const x of mem) {
      expect(x.keys).toBe(2000);
      if (x.skipped === undefined) expect(Object.keys(x)).toEqual(['name', 'keys', 'deltaMiB']);
      expect(x.deltaMiB === null || typeof x.deltaMiB === 'number').toBe(true);
    }
  }, 120_000);
});
