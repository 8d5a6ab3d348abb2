import { AssertionError } from 'node:assert';
import type { IndistinguishabilityReport } from './indistinguishability-report';

/** Thrown by `expectIndistinguishable` when the two requests can be told apart; carries the full report. */
export class DistinguishableError extends AssertionError {
  readonly report: IndistinguishabilityReport;

  constructor(message: string, report: IndistinguishabilityReport) {
    super({ message });
    this.name = 'DistinguishableError';
    this.report = report;
  }
}
