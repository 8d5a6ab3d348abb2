import { averageRanks, erfc, mannWhitneyU, normalCdf } from '../../src/testing/mann-whitney';

// Reference values: scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True) and scipy.special.erfc.
describe('mannWhitneyU', () => {
  it('completely separated samples', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.uA).toBe(0);
    expect(r.uB).toBe(25);
    expect(r.z).toBeLessThan(0);
    expect(r.pValue).toBeCloseTo(0.012185780355344813, 6);
    expect(r.probabilityAGreater).toBe(0);
  });

  it('unequal sizes, no ties', () => {
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    expect(r.uA).toBe(17);
    expect(r.uA + r.uB).toBe(20);
    expect(r.pValue).toBeCloseTo(0.11134688653314041, 6);
  });

  it('ties get average ranks and the variance is tie-corrected', () => {
    const r = mannWhitneyU([1.1, 2.2, 2.2, 3.3, 4.4, 4.4, 4.4, 5.0], [2.2, 3.3, 3.3, 6.0, 7.1, 4.4]);
    expect(r.uA).toBe(17.5);
    expect(r.pValue).toBeCloseTo(0.42930092438061096, 6);
  });

  it('response-time-like data', () => {
    const a = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const b = [1.15, 0.88, 0.9, 0.74, 1.21, 1.0, 0.95, 0.76, 0.82, 0.87];
    const r = mannWhitneyU(a, b);
    expect(r.uA).toBe(73);
    expect(r.z).toBeGreaterThan(0);
    expect(r.pValue).toBeCloseTo(0.08897301170181328, 6);
    expect(r.probabilityAGreater).toBeCloseTo(0.73, 10);
  });

  it('identical samples: p = 1', () => {
    const r = mannWhitneyU([5, 5, 5], [5, 5, 5, 5]);
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
    expect(r.probabilityAGreater).toBe(0.5);
  });

  it('detects a constant shift hidden in noise with enough samples', () => {
    // Deterministic pseudo-noise; B is A shifted by a fraction of the noise range.
    const noise = (i: number): number => ((i * 7919) % 1000) / 100;
    const a = Array.from({ length: 400 }, (_, i) => 10 + noise(i));
    const b = Array.from({ length: 400 }, (_, i) => 11 + noise(i + 37));
    expect(mannWhitneyU(b, a).pValue).toBeLessThan(1e-4);
    expect(mannWhitneyU(b, a).z).toBeGreaterThan(0);
    const same = Array.from({ length: 400 }, (_, i) => 10 + noise(i + 37));
    expect(mannWhitneyU(same, a).pValue).toBeGreaterThan(0.5);
  });

  it('refuses empty or non-finite samples', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(TypeError);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(TypeError);
  });
});

describe('averageRanks', () => {
  it('shares ranks among ties and sums t^3 - t', () => {
    expect(averageRanks([10, 20, 20, 30, 20])).toEqual({ ranks: [1, 3, 3, 5, 3], tieTerm: 24 });
  });
});

describe('normal distribution', () => {
  it('matches reference values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 6);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316300933, 7);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 6);
    expect(erfc(-1)).toBeCloseTo(1.8427007929497148, 6);
    expect(Math.abs(erfc(3) / 2.2090496998585445e-5 - 1)).toBeLessThan(1e-6);
  });
});
