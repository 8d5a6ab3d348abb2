import { assertKnownKeys, optionalBoolean, optionalInteger, optionalObject, stringArray } from '../core/options/validate';
import { collectSamples } from './collect-samples';
import { ALWAYS_IGNORED_HEADERS, describeDifferences } from './compare-responses';
import { DistinguishableError } from './distinguishable-error';
import type { IndistinguishabilityReport } from './indistinguishability-report';
import { runPositiveControl, type PositiveControlOptions } from './positive-control';
import { createProbeAgent, type ProbeRequest, type ProbeResponse } from './probe';
import { openTarget, type ProbeTarget } from './probe-target';
import { resolveAlpha } from './resolve-alpha';
import { compareTiming, formatTiming, type TimingComparison } from './timing-comparison';
import { assertProbeRequest } from './assert-probe-request';

export interface ExpectIndistinguishableOptions {
  /** Interleaved pairs (one A, one B) compared. At least 20 when timing is compared. @default 200 */
  readonly samples?: number;
  /** Pairs sent first and discarded (JIT warm-up, connection set-up, caches). @default 10 */
  readonly warmup?: number;
  /** Compare response times with the Mann–Whitney rank test. Turn off for fast byte/header checks. @default true */
  readonly timing?: boolean;
  /** Significance level of the rank test. @default 0.001 */
  readonly alpha?: number;
  /** Header names left out of the comparison, besides `Date` (e.g. a per-request `x-request-id`). @default [] */
  readonly ignoreHeaders?: readonly string[];
  /**
   * Before trusting a timing verdict, check that the same procedure detects a route known to leak
   * (`runPositiveControl`); `false` skips it, an object tunes it. Only used when `timing` is on.
   * @default true
   */
  readonly positiveControl?: boolean | PositiveControlOptions;
  /** Timeout of each request, in ms. @default 30000 */
  readonly timeoutMs?: number;
}

const KEYS = ['samples', 'warmup', 'timing', 'alpha', 'ignoreHeaders', 'positiveControl', 'timeoutMs'] as const;
const MAX_REPORTED = 20;

/**
 * Asserts that an observer cannot tell request A from request B (e.g. a lookup of an existing and of a
 * missing account): same status, body bytes, header names, values and order (`Date` and `ignoreHeaders`
 * aside) on every sample, and — unless `timing: false` — response times a rank test cannot separate.
 * Resolves with the report; rejects with a `DistinguishableError` listing what gave the requests away.
 */
export async function expectIndistinguishable(
  target: ProbeTarget,
  requestA: ProbeRequest,
  requestB: ProbeRequest,
  options: ExpectIndistinguishableOptions = {},
): Promise<IndistinguishabilityReport> {
  const o = optionalObject(options, 'options') ?? {};
  assertKnownKeys(o, KEYS, 'options');
  assertProbeRequest(requestA, 'requestA');
  assertProbeRequest(requestB, 'requestB');
  const timing = optionalBoolean(o.timing, 'options.timing', true);
  const samples = optionalInteger(o.samples, 'options.samples', 200, timing ? 20 : 1, 100_000);
  const warmup = optionalInteger(o.warmup, 'options.warmup', 10, 0, 10_000);
  const alpha = resolveAlpha(o.alpha, 'options.alpha');
  const timeoutMs = optionalInteger(o.timeoutMs, 'options.timeoutMs', 30_000, 1, 600_000);
  const ignored = new Set([...ALWAYS_IGNORED_HEADERS, ...(o.ignoreHeaders === undefined ? [] : stringArray(o.ignoreHeaders, 'options.ignoreHeaders')).map((h) => h.toLowerCase())]);
  const control = o.positiveControl ?? true;
  if (typeof control !== 'boolean' && (typeof control !== 'object' || control === null)) throw new TypeError('apiward: option "options.positiveControl" must be a boolean or an object');

  const positiveControl = timing && control !== false ? await runPositiveControl(control === true ? { alpha } : { alpha, ...control }) : undefined;
  const opened = await openTarget(target);
  const agent = createProbeAgent(opened.baseUrl);
  let series: { a: readonly ProbeResponse[]; b: readonly ProbeResponse[] };
  try {
    series = await collectSamples(opened.baseUrl, agent, requestA, requestB, { samples, warmup, timeoutMs });
  } finally {
    agent.destroy();
    await opened.close();
  }

  const reference = series.a[0] as ProbeResponse;
  const differences = new Set<string>();
  for (const r of series.b) describeDifferences(reference, r, ignored, ['A', 'B']).forEach((d) => differences.add(d));
  // A route whose answer varies from one request to the next (a counter, a random id) is distinguishable too.
  for (const r of series.a) describeDifferences(reference, r, ignored, ['first A', 'a later A']).forEach((d) => differences.add(d));
  const timingResult: TimingComparison | undefined = timing ? compareTiming(series.a.map((r) => r.durationMs), series.b.map((r) => r.durationMs), alpha) : undefined;
  const list = [...differences];
  const report: IndistinguishabilityReport = Object.freeze({
    samples,
    status: reference.status,
    bodyBytes: reference.body.length,
    differences: Object.freeze(list),
    timing: timingResult,
    positiveControl,
    distinguishable: list.length > 0 || timingResult?.distinguishable === true,
  });
  if (report.distinguishable) {
    const lines = list.slice(0, MAX_REPORTED).map((d) => `  - ${d}`);
    if (list.length > MAX_REPORTED) lines.push(`  - … and ${list.length - MAX_REPORTED} more`);
    if (timingResult?.distinguishable === true) lines.push(`  - timing: ${formatTiming(timingResult)}`);
    throw new DistinguishableError(`expected requests A and B to be indistinguishable, but:\n${lines.join('\n')}`, report);
  }
  return report;
}
