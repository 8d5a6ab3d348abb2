import type { LabResponse } from './lab-client';

export type LabMode = 'protected' | 'unprotected';

/** One way of running an attack (e.g. "walk with a support token"). */
export interface ScenarioResult {
  readonly name: string;
  readonly requestsSent: number;
  readonly recordsObtained: number;
  readonly statuses: Readonly<Record<string, number>>;
  /** What happened, in a few words. */
  readonly outcome: string;
  /** The scenario meets the protected bar. */
  readonly meetsBar: boolean;
  /** The attacker got what the incident's attackers got. */
  readonly breached: boolean;
}

/** A point of the chart: after `requests` requests, the attacker held `records` records. */
export interface SeriesPoint {
  readonly requests: number;
  readonly records: number;
}

/** What one attack script reports about one lab. */
export interface AttackResult {
  readonly attack: string;
  readonly incident: string;
  readonly title: string;
  /** The bar a protected lab must meet, in words. */
  readonly bar: string;
  readonly mode: LabMode;
  readonly requestsSent: number;
  readonly recordsObtained: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly summary: string;
  /** Every scenario met the protected bar. */
  readonly barMet: boolean;
  /** The breach worked (what an unprotected run must show). */
  readonly breachReproduced: boolean;
  readonly scenarios: readonly ScenarioResult[];
  readonly series: readonly SeriesPoint[];
  readonly details: Readonly<Record<string, unknown>>;
}

/** Where an attack is pointed. */
export interface AttackTarget {
  readonly base: string;
  readonly mode: LabMode;
  /** A lab of the same mode with `LAB_ANTI_ENUM=off`, for measurements that need many requests. */
  readonly timingBase?: string;
  /** The attacker's address on the loopback network (127.0.0.x). */
  readonly sourceAddress?: string;
}

export interface Attack {
  readonly name: string;
  readonly incident: string;
  readonly title: string;
  readonly bar: string;
  /** Default source address: each attack comes from its own, like separate attackers. */
  readonly sourceAddress: string;
  run(target: AttackTarget): Promise<AttackResult>;
}

/** Counts one scenario's requests, statuses and records, and feeds the attack's chart series. */
export class ScenarioTally {
  requestsSent = 0;
  recordsObtained = 0;
  readonly statuses = new Map<number, number>();

  constructor(
    readonly name: string,
    private readonly attack: AttackTally,
  ) {}

  add(res: LabResponse, isRecord: boolean): void {
    this.requestsSent += 1;
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
    if (isRecord) this.recordsObtained += 1;
    this.attack.point(isRecord);
  }

  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }

  result(outcome: string, verdict: { readonly meetsBar: boolean; readonly breached: boolean }): ScenarioResult {
    return { name: this.name, requestsSent: this.requestsSent, recordsObtained: this.recordsObtained, statuses: statusRecord(this.statuses), outcome, ...verdict };
  }
}

/** The attack-wide totals and the cumulative (requests, records) series for the chart. */
export class AttackTally {
  requestsSent = 0;
  recordsObtained = 0;
  private readonly points: SeriesPoint[] = [{ requests: 0, records: 0 }];

  scenario(name: string): ScenarioTally {
    return new ScenarioTally(name, this);
  }

  point(isRecord: boolean): void {
    this.requestsSent += 1;
    if (isRecord) this.recordsObtained += 1;
    this.points.push({ requests: this.requestsSent, records: this.recordsObtained });
  }

  /** Assembles the attack's result from its scenarios (the bar is met when every scenario meets it). */
  finish(
    attack: Pick<Attack, 'name' | 'incident' | 'title' | 'bar'>,
    target: AttackTarget,
    scenarios: readonly ScenarioResult[],
    options: { readonly summary: string; readonly breachReproduced?: boolean; readonly details?: Record<string, unknown> },
  ): AttackResult {
    const statuses = new Map<number, number>();
    for (const scenario of scenarios) {
      for (const [status, count] of Object.entries(scenario.statuses)) statuses.set(Number(status), (statuses.get(Number(status)) ?? 0) + count);
    }
    return {
      attack: attack.name,
      incident: attack.incident,
      title: attack.title,
      bar: attack.bar,
      mode: target.mode,
      requestsSent: this.requestsSent,
      recordsObtained: this.recordsObtained,
      statuses: statusRecord(statuses),
      summary: options.summary,
      barMet: scenarios.every((s) => s.meetsBar),
      breachReproduced: options.breachReproduced ?? scenarios.some((s) => s.breached),
      scenarios,
      series: this.series(),
      details: options.details ?? {},
    };
  }

  /** At most ~400 points, always keeping the last one. */
  series(): SeriesPoint[] {
    const step = Math.max(1, Math.ceil(this.points.length / 400));
    const sampled = this.points.filter((_, i) => i % step === 0);
    const last = this.points[this.points.length - 1];
    if (last !== undefined && sampled[sampled.length - 1] !== last) sampled.push(last);
    return sampled;
  }
}

export function statusRecord(statuses: ReadonlyMap<number, number>): Record<string, number> {
  return Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count]));
}

/** `{200: 3, 429: 1997}` -> `200x3 429x1997` */
export function formatStatuses(statuses: Readonly<Record<string, number>>): string {
  return Object.entries(statuses)
    .map(([status, count]) => `${status}x${count}`)
    .join(' ');
}
