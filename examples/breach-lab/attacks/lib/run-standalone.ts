import type { Attack, AttackResult } from './attack-result';
import { formatStatuses } from './attack-result';
import { labInfo } from './lab-info';

/**
 * `npx ts-node --transpile-only examples/breach-lab/attacks/<attack>.ts --base http://127.0.0.1:4100
 * [--timing-base <url>] [--json]`: runs one attack against a running lab and prints what it got. Exits 0
 * when a protected lab met the bar, or an unprotected one showed the breach.
 */
export async function runStandalone(attack: Attack, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const base = flag(argv, '--base') ?? process.env.LAB_URL ?? 'http://127.0.0.1:4100';
  const timingBase = flag(argv, '--timing-base');
  const info = await labInfo(base);
  const result = await attack.run({ base, mode: info.mode, ...(timingBase !== undefined ? { timingBase } : {}) });
  if (argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else console.log(describeResult(result));
  process.exitCode = (result.mode === 'protected' ? result.barMet : result.breachReproduced) ? 0 : 1;
}

export function describeResult(result: AttackResult): string {
  const verdict = result.mode === 'protected' ? (result.barMet ? 'bar met' : 'BAR NOT MET') : result.breachReproduced ? 'breach reproduced' : 'breach NOT reproduced';
  const lines = [
    `${result.incident}: ${result.title} [${result.mode}] -> ${verdict}`,
    `  ${result.summary}`,
    `  bar: ${result.bar}`,
    ...result.scenarios.map(
      (s) =>
        `  - ${s.name}: ${s.outcome} (${s.requestsSent} requests, ${s.recordsObtained} records; ${formatStatuses(s.statuses)})${result.mode === 'protected' ? (s.meetsBar ? '' : '  <-- bar not met') : ''}`,
    ),
  ];
  return lines.join('\n');
}

function flag(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}
