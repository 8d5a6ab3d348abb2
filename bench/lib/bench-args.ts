/** Command line of `npm run bench`. Presets first (`--quick` or full), then explicit overrides. */
export interface BenchArgs {
  readonly quick: boolean;
  /** Where to write the JSON report (`--json <file>`), or undefined. */
  readonly jsonFile: string | undefined;
  /** Variant names to run (`--variants a,b`); their baselines are added. Undefined: all. */
  readonly variants: readonly string[] | undefined;
  /** Measured rounds; the fixed-rate runs take place in rounds 2..rounds, so at least 2. */
  readonly rounds: number;
  /**
   * Unrecorded load before each measured run, of the same kind (JIT, caches, heap): paced at the fixed
   * rate before the fixed-rate run, autocannon before the saturating run.
   */
  readonly warmupSeconds: number;
  /** Saturating run length. */
  readonly seconds: number;
  /** Fixed-rate run length (rounds 2..rounds, on the freshly started process, before the saturating run). */
  readonly fixedSeconds: number;
  /** Fraction of the slowest bare app's req/s (round 1) used as the one fixed rate for every variant. */
  readonly fixedRateFraction: number;
  /**
   * Connections of every run. 32 by default: enough that every variant is bound by its own CPU. At 10, a
   * variant that waits on Redis for each request sat idle about a quarter of the time (CPU profile), so
   * its "saturating" run measured ten times its Redis round trip, not its capacity.
   */
  readonly connections: number;
  /** Distinct attacker keys for the memory figure; 0 skips it. */
  readonly memoryKeys: number;
}

const FULL = { rounds: 5, warmupSeconds: 3, seconds: 10, fixedSeconds: 5 };
const QUICK = { rounds: 3, warmupSeconds: 0.75, seconds: 1.5, fixedSeconds: 1 };

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const preset = quick ? QUICK : FULL;
  let jsonFile: string | undefined;
  let variants: string[] | undefined;
  let rounds = preset.rounds;
  let warmupSeconds = preset.warmupSeconds;
  let seconds = preset.seconds;
  let fixedSeconds = preset.fixedSeconds;
  let connections = 32;
  let memoryKeys = 1_000_000;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new TypeError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--json':
        jsonFile = value();
        break;
      case '--variants':
        variants = value().split(',').map((s) => s.trim()).filter((s) => s !== '');
        break;
      case '--rounds':
        rounds = positive(flag, value(), true);
        break;
      case '--warmup':
        warmupSeconds = positive(flag, value(), false);
        break;
      case '--seconds':
        seconds = positive(flag, value(), false);
        break;
      case '--fixed-seconds':
        fixedSeconds = positive(flag, value(), false);
        break;
      case '--connections':
        connections = positive(flag, value(), true);
        break;
      case '--memory-keys':
        memoryKeys = Number(value());
        if (!Number.isInteger(memoryKeys) || memoryKeys < 0) throw new TypeError('--memory-keys must be an integer >= 0');
        break;
      default:
        throw new TypeError(`unknown flag ${flag} (see bench/RESULTS.md for the command line)`);
    }
  }
  if (rounds < 2) throw new TypeError('--rounds must be at least 2 (round 1 sets the fixed rate, later rounds run it)');
  return { quick, jsonFile, variants, rounds, warmupSeconds, seconds, fixedSeconds, fixedRateFraction: 0.5, connections, memoryKeys };
}

function positive(flag: string, raw: string, integer: boolean): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new TypeError(`${flag} must be a positive ${integer ? 'integer' : 'number'}`);
  return n;
}
