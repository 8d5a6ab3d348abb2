import type { TimingComparison } from './timing-comparison';

/** What `expectIndistinguishable` observed. */
export interface IndistinguishabilityReport {
  /** Pairs compared. */
  readonly samples: number;
  /** Status of the first A response. */
  readonly status: number;
  /** Body length of the first A response. */
  readonly bodyBytes: number;
  /**
   * Every distinct way a response differed from the first A response (status, body bytes, header names,
   * values, order); empty when all were identical.
   */
  readonly differences: readonly string[];
  /** The rank test on response times; `undefined` with `timing: false`. */
  readonly timing: TimingComparison | undefined;
  /** The positive control's figures, when it ran. */
  readonly positiveControl: TimingComparison | undefined;
  /** True when any difference was found or the times were told apart. */
  readonly distinguishable: boolean;
}
