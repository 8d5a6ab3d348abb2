import type { VariantOutcome } from '../../bench/lib/bench-report';
import { roundTable } from '../../bench/lib/round-table';
import { benchSpec as spec, roundOf as m } from '../support/bench-rounds';

describe('roundTable', () => {
  it('shows each round: req/s, the ratio to that round\'s bare app, and the fixed-rate p99 (rounds 2..)', () => {
    const outcomes: VariantOutcome[] = [
      { spec: spec('nest-bare'), rounds: [m(1, 1000), m(2, 500, 3.333), m(3, 1000, 5)] },
      { spec: spec('nest-apiward-hs256'), rounds: [m(1, 800.4), m(2, 400, 4), m(3, 500, 6.006)] },
      { spec: spec('nest-apiward-redis'), skipped: 'no Redis', rounds: [] },
      { spec: spec('nest-peer-hs256'), rounds: [m(1, 100), m(2, 90)] },
    ];
    expect(roundTable(outcomes)).toEqual([
      '| variant | req/s per round | ratio per round | fixed-rate p99 per round, ms |',
      '|---|---|---|---|',
      '| nest-bare | 1000, 500, 1000 | 1, 1, 1 | 3.33, 5 |',
      '| nest-apiward-hs256 | 800, 400, 500 | 0.8, 0.8, 0.5 | 4, 6.01 |',
      '| nest-peer-hs256 | 100, 90 | 0.1, 0.18 | – |',
    ]);
  });

  it('marks a round whose bare app has no figure', () => {
    const outcomes: VariantOutcome[] = [
      { spec: spec('express-bare'), rounds: [m(1, 1000)] },
      { spec: spec('express-apiward-hs256'), rounds: [m(1, 900), m(2, 950)] },
    ];
    expect(roundTable(outcomes)[3]).toBe('| express-apiward-hs256 | 900, 950 | 0.9, – | – |');
  });
});
