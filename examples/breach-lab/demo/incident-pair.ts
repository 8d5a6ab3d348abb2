import type { AttackResult } from '../attacks';

/** One incident replayed against both builds. */
export interface IncidentPair {
  readonly unprotected: AttackResult;
  readonly protected: AttackResult;
}

/** The demo passes when every protected run meets its bar and every unprotected run shows its breach. */
export function demoPassed(pairs: readonly IncidentPair[]): boolean {
  return pairs.every((pair) => pair.protected.barMet && pair.unprotected.breachReproduced);
}
