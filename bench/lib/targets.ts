import type { BenchReport, VariantReport } from './bench-report';

/** The targets, checked against one report. `met` is null when a figure is missing (skipped). */
export interface TargetCheck {
  readonly target: string;
  readonly value: string;
  readonly met: boolean | null;
}

export function checkTargets(report: BenchReport): TargetCheck[] {
  const v = (name: string): VariantReport | undefined => report.variants.find((x) => x.name === name);
  const num = (x: number | null | undefined): number | undefined => (x === null || x === undefined ? undefined : x);
  const checks: TargetCheck[] = [];
  const atLeast = (target: string, value: number | undefined, bound: number): void => {
    checks.push({ target, value: value === undefined ? 'n/a' : String(value), met: value === undefined ? null : value >= bound });
  };
  atLeast('nest-apiward-hs256 ratio >= 0.80', num(v('nest-apiward-hs256')?.ratio), 0.8);
  atLeast('express-apiward-hs256 ratio >= 0.80', num(v('express-apiward-hs256')?.ratio), 0.8);
  const times = (a: string, b: string, factor: number): void => {
    const ra = num(v(a)?.ratio);
    const rb = num(v(b)?.ratio);
    const x = ra !== undefined && rb !== undefined && rb > 0 ? Math.round((ra / rb) * 100) / 100 : undefined;
    checks.push({ target: `${a} ratio >= ${factor}x ${b} ratio`, value: x === undefined ? 'n/a' : `${x}x`, met: x === undefined ? null : x >= factor });
  };
  times('nest-apiward-hs256', 'nest-peer-hs256', 3);
  times('express-apiward-hs256', 'express-peer-hs256', 3);
  atLeast('nest-apiward-rs256 ratio >= 0.75', num(v('nest-apiward-rs256')?.ratio), 0.75);
  atLeast('nest-apiward-redis ratio >= 0.70', num(v('nest-apiward-redis')?.ratio), 0.7);
  times('nest-apiward-hs256', 'nest-peer-hs256-keyobject', 1);
  for (const [name, bare] of [
    ['nest-apiward-hs256', 'nest-bare'],
    ['nest-apiward-rs256', 'nest-bare'],
    ['nest-apiward-apikey', 'nest-bare'],
    ['nest-apiward-redis', 'nest-bare'],
    ['nest-apiward-fastify', 'nest-bare-fastify'],
    ['express-apiward-hs256', 'express-bare'],
  ] as const) {
    const a = num(v(name)?.fixedRateP99Ms);
    const b = num(v(bare)?.fixedRateP99Ms);
    const d = a !== undefined && b !== undefined ? Math.round((a - b) * 1000) / 1000 : undefined;
    checks.push({ target: `${name} fixed-rate p99 within 2 ms of ${bare}`, value: d === undefined ? 'n/a' : `${d >= 0 ? '+' : ''}${d} ms`, met: d === undefined ? null : d <= 2 });
  }
  const mem = report.memory.find((m) => m.name === 'apiward-anti-enumeration-memory' && m.keys === 1_000_000);
  checks.push({ target: 'AntiEnumeration memory store, 1,000,000 keys < 150 MiB', value: mem?.deltaMiB == null ? 'n/a' : `${mem.deltaMiB} MiB`, met: mem?.deltaMiB == null ? null : mem.deltaMiB < 150 });
  return checks;
}
