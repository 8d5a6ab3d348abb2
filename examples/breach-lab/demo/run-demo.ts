import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allAttacks } from '../attacks';
import { describeResult } from '../attacks/lib/run-standalone';
import { demoPassed, type IncidentPair } from './incident-pair';
import { startLabProcess, type LabProcess } from './lab-process';
import { renderChart } from './render-chart';
import { consoleTable, markdownReport } from './render-report';

/**
 * `npm run demo`: starts the unprotected lab, the protected lab, and a protected lab without budgets (for
 * the timing measurement), replays every incident against both builds, prints the table, writes
 * `breach-report.md` and `breach-report.svg`, and exits 0 only when every protected run meets its bar
 * (and every unprotected run shows its breach: otherwise the lab proves nothing).
 */
async function main(): Promise<void> {
  const startedAt = new Date();
  const outDir = resolve(flag('--out') ?? process.cwd());
  const verbose = process.argv.includes('--verbose');
  const labs: LabProcess[] = [];
  const stopAll = (): Promise<void[]> => Promise.all(labs.map((lab) => lab.stop()));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    console.log('Starting the breach lab: unprotected, protected, and protected without budgets (timing)…');
    const [unprotected, protectedLab, timingLab] = await Promise.all([
      startLabProcess('unprotected'),
      startLabProcess('protected'),
      startLabProcess('protected', { LAB_ANTI_ENUM: 'off' }),
    ]);
    labs.push(unprotected, protectedLab, timingLab);
    console.log(`  unprotected ${unprotected.url}, protected ${protectedLab.url}, timing ${timingLab.url}\n`);

    const pairs: IncidentPair[] = [];
    for (const attack of allAttacks()) {
      process.stdout.write(`Replaying ${attack.incident}: ${attack.title}… `);
      const before = Date.now();
      const unprotectedResult = await attack.run({ base: unprotected.url, mode: 'unprotected' });
      const protectedResult = await attack.run({ base: protectedLab.url, mode: 'protected', timingBase: timingLab.url });
      pairs.push({ unprotected: unprotectedResult, protected: protectedResult });
      console.log(`${((Date.now() - before) / 1000).toFixed(1)} s${protectedResult.barMet ? '' : ' (BAR NOT MET)'}`);
      if (verbose || !protectedResult.barMet) console.log(`${describeResult(unprotectedResult)}\n${describeResult(protectedResult)}\n`);
    }

    console.log(`\n${consoleTable(pairs)}\n`);
    const chartFile = 'breach-report.svg';
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, chartFile), renderChart(pairs));
    writeFileSync(join(outDir, 'breach-report.md'), markdownReport(pairs, { startedAt, durationMs: Date.now() - startedAt.getTime(), chartFile }));
    const passed = demoPassed(pairs);
    console.log(`Wrote ${join(outDir, 'breach-report.md')} and ${join(outDir, chartFile)} (${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s).`);
    console.log(passed ? 'Every protected run met its bar.' : 'At least one bar was NOT met (see above).');
    process.exitCode = passed ? 0 : 1;
  } finally {
    await stopAll();
  }
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
