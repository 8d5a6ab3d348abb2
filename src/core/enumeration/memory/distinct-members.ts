import type { BudgetWindow } from '../budgets';
import type { WindowCount } from '../budget-store';
import type { ScopeTable } from './scope-table';
import { currentCount, packCount, resetMsOf } from './window-counters';

/**
 * Distinct identifiers per client and window, exactly (no sketch): a 31-bit fingerprint of the keyed
 * hash per member, the first inline in the record, the rest in an overflow list. A window keeps at most
 * `limit + 1` members: past that the budget has tripped and more members change nothing, so an attacker
 * cannot grow one key's memory beyond its limit. Two members of one client sharing a fingerprint (odds
 * about n²/2^32 for n members) count once: one identifier of slack, at worst.
 */
export function fingerprint(member: string): number {
  return parseInt(member.slice(0, 8), 16) >>> 1;
}

export function addDistinct(table: ScopeTable, slot: number, member: string, windows: readonly BudgetWindow[], now: number, lastSeenMs: number): WindowCount[] {
  const layout = table.layout;
  const words = table.chunkOf(slot);
  const at = table.offsetOf(slot);
  const fp = fingerprint(member);
  const out = new Array<WindowCount>(windows.length);
  for (let w = 0; w < windows.length; w++) {
    const window = windows[w] as BudgetWindow;
    const countAt = at + layout.distinct + w;
    const inlineAt = at + layout.distinctFingerprint + w;
    const overflowKey = slot * layout.distinctWindows + w;
    let count = currentCount(words[countAt] ?? 0, now, window, lastSeenMs);
    if (count === 0) table.overflow.delete(overflowKey);
    const extra = table.overflow.get(overflowKey);
    const known = count > 0 && (words[inlineAt] === fp || (extra !== undefined && extra.includes(fp)));
    if (!known && count <= window.limit) {
      if (count === 0) words[inlineAt] = fp;
      else if (extra === undefined) table.overflow.set(overflowKey, [fp]);
      else extra.push(fp);
      count++;
    }
    words[countAt] = packCount(now, window.windowMs, count);
    out[w] = { count, resetMs: resetMsOf(now, window.windowMs) };
  }
  return out;
}
