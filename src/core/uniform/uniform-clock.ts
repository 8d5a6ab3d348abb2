/**
 * Time for uniform answers, injectable so deadlines are tested with jest fake timers or a hand-driven
 * clock instead of sleeps.
 */
export interface UniformClock {
  /** Monotonic milliseconds (a wall clock can jump; a deadline must not). */
  now(): number;
  /** Calls `callback` after about `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): unknown;
}

/**
 * `performance.now()` and the global `setTimeout`, looked up on each call so jest's fake timers, installed
 * after this module loads, still take effect.
 */
export const systemClock: UniformClock = Object.freeze({
  now: (): number => performance.now(),
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
});

/**
 * Resolves no earlier than `target` on `clock.now()`. A Node timer is armed against the event loop's
 * cached time, which lags behind the real time by however long the current tick has been running; a
 * branch that did more synchronous work before arming would therefore be released early, by exactly that
 * much. Checking the monotonic clock again when the timer fires, and waiting for the rest, closes that gap.
 */
export async function waitUntil(clock: UniformClock, target: number): Promise<void> {
  for (let remaining = target - clock.now(); remaining > 0; remaining = target - clock.now()) {
    // Whole milliseconds, at least one: timers have millisecond resolution, and rounding up never releases early.
    const ms = Math.max(1, Math.ceil(remaining));
    await new Promise<void>((resolve) => {
      clock.setTimeout(resolve, ms);
    });
  }
}
