import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { answerViews, oracleAccuracy, type LabelledAnswer } from './lib/answer-signature';
import { FIRST_ID } from './lib/customer-records';
import { LabClient, jsonObject, mapLimit, type LabResponse } from './lib/lab-client';
import { labInfo } from './lib/lab-info';
import { mannWhitney, median } from './lib/rank-test';
import { runStandalone } from './lib/run-standalone';

export interface TwitterLookupOptions {
  /** Lookups in the enumeration run (half real, half fake; half emails, half phones). @default 400 */
  readonly lookups?: number;
  /** Real/fake pairs timed against the lab without budgets; 0 skips the timing measurement. @default 300 */
  readonly timingPairs?: number;
  readonly timingConcurrency?: number;
}

/** Below this p-value the rank test separates real from fake accounts by time alone. */
const TIMING_ALPHA = 0.001;
/** The attacker's oracle accuracy must stay a coin flip (0.5) within sampling noise. */
const MAX_ACCURACY = 0.6;

interface Probe {
  readonly path: string;
  readonly real: boolean;
  readonly fold: 0 | 1;
}

/**
 * Twitter 2021: feed a lookup API lists of emails and phone numbers and learn which belong to accounts.
 * The attacker compares everything observable (status, headers, body bytes) and, against a lab without
 * budgets, the response time of hundreds of real/fake pairs with a rank test.
 */
export function twitterLookup(options: TwitterLookupOptions = {}): Attack {
  const lookups = options.lookups ?? 400;
  const timingPairs = options.timingPairs ?? 300;
  const attack: Omit<Attack, 'run'> = {
    name: 'twitter-lookup',
    incident: 'Twitter 2021',
    title: `look up ${lookups} emails and phones, half of them real`,
    bar: `no account revealed; real and fake answers byte-identical; attacker accuracy <= ${MAX_ACCURACY} (coin flip 0.5); timing not separable (Mann-Whitney p >= ${TIMING_ALPHA}) on ${timingPairs} pairs`,
    sourceAddress: '127.0.0.12',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const tally = new AttackTally();
    const scenarios: ScenarioResult[] = [];
    const client = new LabClient(target.base, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: 1 });
    const enumeration = tally.scenario('enumerate emails and phones');
    const answers: LabelledAnswer[] = [];
    let mismatchedPairs = 0;
    try {
      const probes = lookupProbes(lookups, 0);
      for (let i = 0; i + 1 < probes.length; i += 2) {
        const pair: LabResponse[] = [];
        for (const probe of [probes[i], probes[i + 1]] as Probe[]) {
          const res = await client.send({ path: probe.path });
          const revealed = probe.real && res.status === 200 && typeof jsonObject(res)?.id === 'number';
          enumeration.add(res, revealed);
          answers.push({ views: answerViews(res), real: probe.real, fold: probe.fold });
          pair.push(res);
        }
        if (answerViews(pair[0] as LabResponse).full !== answerViews(pair[1] as LabResponse).full) mismatchedPairs += 1;
      }
    } finally {
      client.close();
    }
    const oracle = oracleAccuracy(answers);
    scenarios.push(
      enumeration.result(`${enumeration.recordsObtained} accounts revealed; attacker accuracy ${oracle.accuracy.toFixed(2)} (best view: ${oracle.view}); ${mismatchedPairs} real/fake pairs answered differently`, {
        meetsBar: enumeration.recordsObtained === 0 && oracle.accuracy <= MAX_ACCURACY && mismatchedPairs <= 1,
        breached: oracle.accuracy >= 0.95,
      }),
    );

    const timingBase = target.timingBase ?? ((await labInfo(target.base)).antiEnumeration && target.mode === 'protected' ? undefined : target.base);
    const timing = tally.scenario(`time ${timingPairs} real/fake pairs${target.timingBase !== undefined ? ' (lab with LAB_ANTI_ENUM=off)' : ''}`);
    let timingDetails: Record<string, unknown> = { measured: false };
    if (timingBase === undefined || timingPairs === 0) {
      const why = timingPairs === 0 ? 'not measured (timingPairs: 0)' : 'not measured: this lab has budgets on; start one with LAB_ANTI_ENUM=off and pass --timing-base';
      scenarios.push(timing.result(why, { meetsBar: true, breached: false }));
    } else {
      const timer = new LabClient(timingBase, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: options.timingConcurrency ?? 8 });
      try {
        const probes = shuffle(lookupProbes(timingPairs * 2, 7));
        const results = await mapLimit(probes, options.timingConcurrency ?? 8, async (probe) => ({ probe, res: await timer.send({ path: probe.path }) }));
        const real = results.filter((r) => r.probe.real);
        const fake = results.filter((r) => !r.probe.real);
        for (const r of results) timing.add(r.res, r.probe.real && r.res.status === 200 && typeof jsonObject(r.res)?.id === 'number');
        const rank = mannWhitney(real.map((r) => r.res.elapsedMs), fake.map((r) => r.res.elapsedMs));
        const shapes = new Set(results.map((r) => answerViews(r.res).full)).size;
        const medians = `median ${median(real.map((r) => r.res.elapsedMs)).toFixed(1)} ms real vs ${median(fake.map((r) => r.res.elapsedMs)).toFixed(1)} ms fake`;
        timingDetails = { measured: true, auc: rank.auc, pValue: rank.pValue, distinctAnswers: shapes };
        scenarios.push(
          timing.result(`${medians}; rank test AUC ${rank.auc.toFixed(2)}, p = ${rank.pValue.toExponential(1)}; ${shapes} distinct answer(s) on the wire`, {
            meetsBar: rank.pValue >= TIMING_ALPHA && shapes === 1 && timing.recordsObtained === 0,
            breached: rank.pValue < TIMING_ALPHA || shapes > 1,
          }),
        );
      } finally {
        timer.close();
      }
    }
    return tally.finish(attack, target, scenarios, {
      summary: `${enumeration.recordsObtained} of ${lookups / 2} real accounts identified; accuracy ${oracle.accuracy.toFixed(2)}`,
      breachReproduced: scenarios[0]?.breached === true,
      details: { accuracy: oracle.accuracy, view: oracle.view, mismatchedPairs, timing: timingDetails },
    });
  }

  return { ...attack, run };
}

/**
 * Alternating real and fake, emails and phones: real accounts are spread over 10001-12000, fake ones use
 * the same formats with ids no account has. Consecutive pairs share a fold, so the attacker learns and is
 * scored on comparable pairs.
 */
function lookupProbes(count: number, seed: number): Probe[] {
  const probes: Probe[] = [];
  for (let k = 0; probes.length < count; k += 1) {
    const realId = FIRST_ID + ((k * 37 + seed) % 2_000);
    const fakeId = 20_001 + k + seed * 1_000;
    const fold = (k % 2) as 0 | 1;
    const byPhone = Math.floor(k / 2) % 2 === 1;
    const path = (id: number): string =>
      byPhone ? `/api/users/lookup?phone=${encodeURIComponent(`+1555${String(id).padStart(7, '0')}`)}` : `/api/users/lookup?email=${encodeURIComponent(`c${id}@breach-lab.test`)}`;
    probes.push({ path: path(realId), real: true, fold }, { path: path(fakeId), real: false, fold });
  }
  return probes.slice(0, count);
}

/** Deterministic shuffle (the order must not line real and fake up with anything periodic). */
function shuffle<T>(items: T[]): T[] {
  let state = 0x9e3779b9;
  for (let i = items.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

if (require.main === module) void runStandalone(twitterLookup());
