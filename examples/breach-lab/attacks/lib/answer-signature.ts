import { createHash } from 'node:crypto';
import type { LabResponse } from './lab-client';

/**
 * Headers whose values follow the clock, not the account (`Date`, and `Retry-After`'s countdown): their
 * presence is compared, their values are not.
 */
const CLOCK_HEADERS = new Set(['date', 'retry-after']);

/**
 * The ways an attacker can look at an answer, time aside. `full` is everything on the wire (status,
 * every header name and value, body bytes); the narrower views matter because a body that names the
 * account is unique per account and only a coarser view (the status) generalises to unseen accounts.
 */
export interface AnswerViews {
  readonly full: string;
  readonly status: string;
  readonly headers: string;
  readonly length: string;
  readonly body: string;
}

export function answerViews(res: LabResponse): AnswerViews {
  const headers = Object.entries(res.headers)
    .map(([name, value]) => (CLOCK_HEADERS.has(name) ? `${name}: <clock>` : `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`))
    .sort()
    .join('\n');
  const body = createHash('sha256').update(res.body).digest('hex');
  return { full: `${res.status}\n${headers}\n${body}`, status: String(res.status), headers, length: String(res.body.length), body };
}

export interface LabelledAnswer {
  readonly views: AnswerViews;
  readonly real: boolean;
  /** 0 = the attacker learns from it, 1 = the attacker is scored on it. */
  readonly fold: 0 | 1;
}

export interface OracleAccuracy {
  /** Share of fold-1 answers the best rule classified right: ~0.5 is a coin flip, 1.0 a perfect oracle. */
  readonly accuracy: number;
  readonly view: keyof AnswerViews;
}

/**
 * The attacker's best rule "this answer means the account exists": for each view, learn which answers
 * go with real accounts on fold 0, score on fold 1, keep the best view.
 */
export function oracleAccuracy(samples: readonly LabelledAnswer[]): OracleAccuracy {
  const views: (keyof AnswerViews)[] = ['status', 'headers', 'length', 'body', 'full'];
  let best: OracleAccuracy = { accuracy: 0, view: 'full' };
  for (const view of views) {
    const votes = new Map<string, number>();
    for (const s of samples) if (s.fold === 0) votes.set(s.views[view], (votes.get(s.views[view]) ?? 0) + (s.real ? 1 : -1));
    const scored = samples.filter((s) => s.fold === 1);
    const correct = scored.filter((s) => ((votes.get(s.views[view]) ?? 0) > 0) === s.real).length;
    const accuracy = scored.length === 0 ? 0.5 : correct / scored.length;
    if (accuracy > best.accuracy) best = { accuracy, view };
  }
  return best;
}

/** True when real and missing targets produced exactly the same set of answers on the wire. */
export function sameAnswerSets(samples: readonly LabelledAnswer[]): boolean {
  const real = new Set(samples.filter((s) => s.real).map((s) => s.views.full));
  const fake = new Set(samples.filter((s) => !s.real).map((s) => s.views.full));
  return real.size === fake.size && [...real].every((signature) => fake.has(signature));
}
