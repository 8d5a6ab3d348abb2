import type { AttackResult } from '../attacks';
import { formatStatuses } from '../attacks/lib/attack-result';
import { demoPassed, type IncidentPair } from './incident-pair';
import { textTable } from './text-table';

/** The console table: one row per incident. */
export function consoleTable(pairs: readonly IncidentPair[]): string {
  return textTable(
    ['attack', 'unprotected', 'protected (apiward)', 'the bar'],
    pairs.map((pair) => [
      `${pair.protected.incident}: ${pair.protected.title}`,
      `${pair.unprotected.summary}${pair.unprotected.breachReproduced ? '' : ' (BREACH NOT REPRODUCED)'}`,
      pair.protected.summary,
      `${pair.protected.barMet ? 'MET' : 'NOT MET'}: ${pair.protected.bar}`,
    ]),
    [30, 30, 30, 46],
  );
}

/** `breach-report.md`: the table, then every scenario of every run. */
export function markdownReport(pairs: readonly IncidentPair[], context: { readonly startedAt: Date; readonly durationMs: number; readonly chartFile: string }): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const lines = [
    '# apiward breach lab report',
    '',
    `Run ${context.startedAt.toISOString()} in ${(context.durationMs / 1000).toFixed(1)} s. Each incident of the threat model was replayed against the lab built as the breached APIs were (unprotected) and the same lab with apiward's declarations (protected).`,
    '',
    `**Result: ${demoPassed(pairs) ? 'every protected run met its bar' : 'at least one bar was NOT met'}.**`,
    '',
    '| attack | unprotected | protected (apiward) | the bar | met |',
    '|---|---|---|---|---|',
    ...pairs.map(
      (pair) =>
        `| ${cell(`${pair.protected.incident}: ${pair.protected.title}`)} | ${cell(pair.unprotected.summary)} | ${cell(pair.protected.summary)} | ${cell(pair.protected.bar)} | ${pair.protected.barMet ? 'yes' : '**no**'} |`,
    ),
    '',
    `![records obtained vs requests sent](${context.chartFile})`,
    '',
    ...pairs.flatMap((pair) => [`## ${pair.protected.incident}: ${pair.protected.title}`, '', ...scenarioTable(pair.unprotected), '', ...scenarioTable(pair.protected), '']),
  ];
  return `${lines.join('\n')}\n`;
}

function scenarioTable(result: AttackResult): string[] {
  return [
    `**${result.mode}** (${result.requestsSent} requests; ${formatStatuses(result.statuses)})`,
    '',
    '| scenario | outcome | requests | records | statuses | ' + (result.mode === 'protected' ? 'bar met |' : 'breach |'),
    '|---|---|---|---|---|---|',
    ...result.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.outcome.replace(/\|/g, '\\|')} | ${s.requestsSent} | ${s.recordsObtained} | ${formatStatuses(s.statuses)} | ${(result.mode === 'protected' ? s.meetsBar : s.breached) ? 'yes' : 'no'} |`,
    ),
  ];
}
