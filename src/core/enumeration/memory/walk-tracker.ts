import type { WindowCount } from '../budget-store';
import { DIR_MASK, DIR_SHIFT, FLAGS, RUN_MAX, RUN_SHIFT } from './record-layout';
import type { ScopeTable } from './scope-table';

const UP = 1;
const DOWN = 2;

/**
 * A walk over counting ids (Optus: 10001, 10002, 10003, …, or downwards). The walk grows while each id
 * is 1..`maxStep` away from the previous one in the same direction; repeating the last id neither grows
 * nor breaks it; anything else starts a new walk. A walk lives `windowMs` from its first id (stored in
 * whole seconds, rounded up: up to a second longer, never shorter). Same rules as the Redis script.
 */
export function stepWalk(table: ScopeTable, slot: number, id: number, maxStep: number, windowMs: number, now: number): WindowCount {
  const words = table.chunkOf(slot);
  const at = table.offsetOf(slot);
  const walkAt = at + table.layout.walk;
  const flags = words[at + FLAGS] ?? 0;
  let direction = (flags >>> DIR_SHIFT) & DIR_MASK;
  let run = flags >>> RUN_SHIFT;
  const startMs = (words[walkAt] ?? 0) * 1_000;
  const idLow = id % 2 ** 32;
  const expired = run === 0 || now - startMs >= windowMs;
  // Signed difference modulo 2^32: exact for any step below 2^31.
  const step = (idLow - (words[walkAt + 1] ?? 0)) | 0;
  const stepDirection = step > 0 ? UP : DOWN;
  let restart = expired;
  if (!expired && step !== 0) {
    if (Math.abs(step) <= maxStep && (direction === 0 || direction === stepDirection)) {
      run = Math.min(run + 1, RUN_MAX);
      direction = stepDirection;
    } else restart = true;
  }
  if (restart) {
    run = 1;
    direction = 0;
    words[walkAt] = Math.ceil(now / 1_000);
  }
  words[walkAt + 1] = idLow;
  words[at + FLAGS] = ((flags & ~((DIR_MASK << DIR_SHIFT) | (RUN_MAX << RUN_SHIFT))) | (direction << DIR_SHIFT) | (run << RUN_SHIFT)) >>> 0;
  return { count: run, resetMs: Math.max(0, (words[walkAt] ?? 0) * 1_000 + windowMs - now) };
}
