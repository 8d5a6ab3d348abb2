import { FetchBudget } from '../../../src/core/auth/fetch-budget';

describe('FetchBudget', () => {
  it('grants perMinute fetches in any sliding minute and refuses the rest at once', () => {
    let now = 0;
    const budget = new FetchBudget(3, () => now);
    expect([budget.tryTake(), budget.tryTake(), budget.tryTake(), budget.tryTake()]).toEqual([true, true, true, false]);
    now = 59_999;
    expect(budget.tryTake()).toBe(false);
    now = 60_000;
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(false);
  });

  it('slides: a fetch frees its slot exactly one minute later', () => {
    let now = 0;
    const budget = new FetchBudget(2, () => now);
    budget.tryTake();
    now = 30_000;
    budget.tryTake();
    now = 60_000;
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(false);
    now = 90_000;
    expect(budget.tryTake()).toBe(true);
  });
});
