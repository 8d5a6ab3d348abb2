import { cpuPerRequest, fixedRateAchieved, type BenchReport, type VariantOutcome } from './bench-report';
import { roundTable } from './round-table';
import { checkTargets } from './targets';

const cell = (x: number | null | undefined, suffix = ''): string => (x === null || x === undefined ? '–' : `${x}${suffix}`);

/** The run as Markdown: what bench/RESULTS.md quotes. */
export function renderMarkdown(report: BenchReport, outcomes: readonly VariantOutcome[]): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`Command: \`${m.run.command}\` (${m.run.mode}: ${m.run.rounds} rounds, ${m.run.warmupS} s warm-up + ${m.run.secondsPerRun} s saturating` +
    ` + ${m.run.fixedSecondsPerRun} s fixed-rate per variant per round, ${m.run.connections} connections; fixed rate ${cell(m.run.fixedRateReqPerSec)} req/s)`);
  lines.push(`Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.totalMemMiB} MiB, ${m.platform} ${m.kernel}, Node ${m.node}; load average ${m.loadAvgAtStart.join(' / ')} at start, ${m.loadAvgAtEnd.join(' / ')} at end; ${m.durationS} s; ${m.startedAt}`);
  lines.push('');
  lines.push('| variant | req/s | ratio | p50 ms | p99 ms | RSS MiB | fixed-rate p99 ms | fixed-rate achieved req/s | server CPU µs/req | CPU ratio |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const v of report.variants) {
    if (v.skipped !== undefined) {
      lines.push(`| ${v.name} | skipped: ${v.skipped} | | | | | | | | |`);
      continue;
    }
    const o = outcomes.find((x) => x.spec.name === v.name);
    const cpu = o === undefined ? null : cpuPerRequest(o);
    const base = outcomes.find((x) => x.spec.name === o?.spec.baseline);
    const baseCpu = base === undefined ? null : cpuPerRequest(base);
    // Bare CPU per request over this variant's: what req/s would be if the server's CPU were the only limit.
    const cpuRatio = cpu !== null && baseCpu !== null && cpu > 0 ? Math.round((baseCpu / cpu) * 1000) / 1000 : null;
    lines.push(
      `| ${v.name} | ${cell(v.reqPerSec)} | ${cell(v.ratio)} | ${cell(v.p50Ms)} | ${cell(v.p99Ms)} | ${cell(v.rssMiB)} | ${cell(v.fixedRateP99Ms)} | ` +
        `${cell(o === undefined ? null : fixedRateAchieved(o))} | ${cell(cpu)} | ${cell(cpuRatio)} |`,
    );
  }
  lines.push('');
  lines.push('Per round (the spread behind the medians and the pooled fixed-rate p99s):');
  lines.push('');
  lines.push(...roundTable(outcomes));
  lines.push('');
  lines.push('| memory subject | keys | RSS added (MiB) |');
  lines.push('|---|---:|---:|');
  for (const mem of report.memory) lines.push(`| ${mem.name} | ${mem.keys} | ${mem.skipped !== undefined ? `skipped: ${mem.skipped}` : cell(mem.deltaMiB)} |`);
  lines.push('');
  lines.push('| target | measured | met |');
  lines.push('|---|---:|:---:|');
  for (const t of checkTargets(report)) lines.push(`| ${t.target} | ${t.value} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}
