/**
 * `apiward/testing`: helpers for an application's own test suite. Framework-free (Node's http only):
 * point them at a base URL or at the Node server of any Express, Fastify or Nest app.
 */
export { expectIndistinguishable } from './expect-indistinguishable';
export type { ExpectIndistinguishableOptions } from './expect-indistinguishable';
export type { IndistinguishabilityReport } from './indistinguishability-report';
export { DistinguishableError } from './distinguishable-error';
export { runPositiveControl } from './positive-control';
export type { PositiveControlOptions } from './positive-control';
export type { ProbeRequest, ProbeResponse } from './probe';
export type { ProbeTarget } from './probe-target';
export { describeDifferences } from './compare-responses';
export type { ResponseBytes } from './compare-responses';
export { compareTiming, formatTiming } from './timing-comparison';
export type { TimingComparison } from './timing-comparison';
export { mannWhitneyU, normalCdf } from './mann-whitney';
export type { RankTestResult } from './mann-whitney';
