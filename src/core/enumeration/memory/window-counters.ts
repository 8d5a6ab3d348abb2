import type { BudgetWindow } from '../budgets';
import type { WindowCount } from '../budget-store';

/**
 * Fixed windows aligned to the epoch, one 32-bit word each: the window's number modulo 2^16 in the high
 * half, the count (saturating at 65,535) in the low half. A word from an older window reads as zero.
 *
 * Window numbers wrap after 65,536 windows; a counter untouched that long could look current. The
 * record's `lastSeen` rules that out for every counter updated with each request; a miss counter
 * untouched for exactly a multiple of 65,536 windows while its client stays active could read its old
 * count, which errs towards blocking early, never late.
 */
export function windowTag(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) & 0xffff;
}

export function resetMsOf(now: number, windowMs: number): number {
  return (Math.floor(now / windowMs) + 1) * windowMs - now;
}

/** The count stored in `word`, or 0 when it belongs to an older window. */
export function currentCount(word: number, now: number, window: BudgetWindow, lastSeenMs: number): number {
  if (word >>> 16 !== windowTag(now, window.windowMs)) return 0;
  // `lastSeen` is stored in whole seconds (rounded down): allow that second of slack, erring towards "current".
  if (now - lastSeenMs >= window.windowMs + 1_000) return 0;
  return word & 0xffff;
}

export function packCount(now: number, windowMs: number, count: number): number {
  return ((windowTag(now, windowMs) << 16) | Math.min(count, 0xffff)) >>> 0;
}

/** Adds one to each window's counter, starting at `offset` in `words`. */
export function incrementWindows(words: Uint32Array, offset: number, windows: readonly BudgetWindow[], now: number, lastSeenMs: number): WindowCount[] {
  // Sized up front: a pushed-to `[]` allocates room for 16 on every request.
  const out = new Array<WindowCount>(windows.length);
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as BudgetWindow;
    const count = currentCount(words[offset + i] ?? 0, now, w, lastSeenMs) + 1;
    words[offset + i] = packCount(now, w.windowMs, count);
    out[i] = { count, resetMs: resetMsOf(now, w.windowMs) };
  }
  return out;
}

export function readWindows(words: Uint32Array, offset: number, windows: readonly BudgetWindow[], now: number, lastSeenMs: number): WindowCount[] {
  return windows.map((w, i) => ({ count: currentCount(words[offset + i] ?? 0, now, w, lastSeenMs), resetMs: resetMsOf(now, w.windowMs) }));
}
