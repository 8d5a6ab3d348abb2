import { mannWhitney } from '../../examples/breach-lab/attacks/lib/rank-test';
import { oracleAccuracy, type AnswerViews, type LabelledAnswer } from '../../examples/breach-lab/attacks/lib/answer-signature';

const views = (status: string, body: string): AnswerViews => ({ full: `${status}|${body}`, status, headers: '', length: String(body.length), body });

describe('the attacks\' statistics', () => {
  it('the rank test separates two shifted samples and not two identical ones', () => {
    const a = Array.from({ length: 300 }, (_, i) => 50 + (i % 17) * 0.1);
    const shifted = a.map((v) => v + 1);
    expect(mannWhitney(shifted, a).pValue).toBeLessThan(1e-6);
    expect(mannWhitney(shifted, a).auc).toBeGreaterThan(0.9);
    const same = mannWhitney(a, [...a].reverse());
    expect(same.pValue).toBeGreaterThan(0.5);
    expect(same.auc).toBeCloseTo(0.5, 5);
  });

  it('the oracle is perfect on a status leak even when bodies are unique per account', () => {
    const samples: LabelledAnswer[] = Array.from({ length: 100 }, (_, i) => ({
      views: i % 2 === 0 ? views('200', `{"id":${i}}`) : views('404', '{"message":"Not Found"}'),
      real: i % 2 === 0,
      fold: (Math.floor(i / 2) % 2) as 0 | 1,
    }));
    expect(oracleAccuracy(samples).accuracy).toBe(1);
  });

  it('the oracle is a coin flip when every answer is the same', () => {
    const samples: LabelledAnswer[] = Array.from({ length: 100 }, (_, i) => ({ views: views('200', '{}'), real: i % 2 === 0, fold: (Math.floor(i / 2) % 2) as 0 | 1 }));
    expect(oracleAccuracy(samples).accuracy).toBe(0.5);
  });
});
