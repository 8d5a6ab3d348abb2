import { systemClock, waitUntil } from '../../../src/core/uniform/uniform-clock';

describe('systemClock under jest fake timers', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the faked monotonic time and timers installed after import', async () => {
    const start = systemClock.now();
    let done = false;
    void waitUntil(systemClock, start + 50).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(49);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(systemClock.now() - start).toBe(50);
  });

  it('resolves at once for a target in the past', async () => {
    await expect(waitUntil(systemClock, systemClock.now() - 1)).resolves.toBeUndefined();
  });
});

describe('waitUntil', () => {
  it('arms whole milliseconds, at least one, rounding up', async () => {
    let t = 0;
    const armed: number[] = [];
    const clock = {
      now: (): number => t,
      setTimeout: (cb: () => void, ms: number): void => {
        armed.push(ms);
        t += ms;
        cb();
      },
    };
    await waitUntil(clock, 10.2);
    expect(armed).toEqual([11]);
    t = 0;
    await waitUntil(clock, 0.1);
    expect(armed).toEqual([11, 1]);
  });
});
