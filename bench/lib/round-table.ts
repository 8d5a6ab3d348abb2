import type { VariantOutcome } from './bench-report';
import { round } from './stats';

/**
 * The spread behind the medians and the pooled p99s, per variant and round: req/s, the ratio to the same
 * round's bare app, and the fixed-rate p99. On a shared 2-core machine a round's figures can move by more
 * than a target's margin (a bare app's own fixed-rate p99 has moved 17-49 ms between rounds of one run),
 * so every report shows it: a reader can see whether a target's margin is larger than that spread.
 */
export function roundTable(outcomes: readonly VariantOutcome[]): string[] {
  const byName = new Map(outcomes.map((o) => [o.spec.name, o]));
  const lines = ['| variant | req/s per round | ratio per round | fixed-rate p99 per round, ms |', '|---|---|---|---|'];
  for (const o of outcomes) {
    if (o.skipped !== undefined || o.rounds.length === 0) continue;
    const baseline = byName.get(o.spec.baseline);
    const ratios = o.rounds.map((m) => {
      const b = baseline?.rounds.find((r) => r.round === m.round);
      return b === undefined || b.reqPerSec <= 0 ? '–' : String(round(m.reqPerSec / b.reqPerSec, 3));
    });
    const fixed = o.rounds.flatMap((m) => (m.fixed !== undefined ? [String(round(m.fixed.p99Ms, 2))] : []));
    lines.push(`| ${o.spec.name} | ${o.rounds.map((m) => Math.round(m.reqPerSec)).join(', ')} | ${ratios.join(', ')} | ${fixed.length === 0 ? '–' : fixed.join(', ')} |`);
  }
  return lines;
}
