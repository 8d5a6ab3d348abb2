import { APIWARD_ANTI_ENUMERATION_MEMORY } from './anti-enumeration-subject';
import { MEMORY_SUBJECT_NAMES } from './memory-subject-names';
import { attackerKey, NESTJS_THROTTLER_MEMORY, RATE_LIMITER_FLEXIBLE_MEMORY, SkipSubject, type MemorySubject } from './memory-subjects';

/**
 * Child entry: `node --expose-gc measure-memory.js <subject> <keys>`. One subject per process, so each
 * starts from the same empty heap. Resident memory (RSS, what the OS charges the process) is read after
 * forced full GCs before and after recording one hit for each of `keys` distinct keys.
 */
export type MemoryMessage =
  | { readonly type: 'result'; readonly name: string; readonly keys: number; readonly deltaMiB: number }
  | { readonly type: 'skip'; readonly name: string; readonly reason: string }
  | { readonly type: 'error'; readonly name: string; readonly message: string };

const SUBJECTS: readonly MemorySubject[] = [APIWARD_ANTI_ENUMERATION_MEMORY, RATE_LIMITER_FLEXIBLE_MEMORY, NESTJS_THROTTLER_MEMORY];

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

async function measure(subject: MemorySubject, keys: number): Promise<number> {
  const { hit, retain, dispose } = await subject.setup();
  // Prime code paths and lazily allocated state with a few keys, then start from a collected heap.
  for (let i = 0; i < 100; i++) await hit(`prime-${i}`);
  fullGc();
  const before = process.memoryUsage.rss();
  const BATCH = 1_000;
  for (let i = 0; i < keys; i += BATCH) {
    const pending: unknown[] = [];
    for (let j = i; j < Math.min(keys, i + BATCH); j++) pending.push(hit(attackerKey(j)));
    await Promise.all(pending);
  }
  fullGc();
  const after = process.memoryUsage.rss();
  // Keep the structure alive through the second reading.
  if (retain === undefined) throw new Error('nothing retained');
  dispose?.();
  return (after - before) / 1024 / 1024;
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('measure-memory.js must be started by the bench harness (IPC channel)');
  const name = process.argv[2] ?? '';
  const keys = Number(process.argv[3]);
  const subject = SUBJECTS.find((s) => s.name === name);
  let msg: MemoryMessage;
  try {
    if (subject === undefined) throw new Error(`unknown memory subject ${name}`);
    msg = { type: 'result', name, keys, deltaMiB: await measure(subject, keys) };
  } catch (err: unknown) {
    msg = err instanceof SkipSubject ? { type: 'skip', name, reason: err.message } : { type: 'error', name, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  send(msg, () => process.exit(0));
}

if (require.main === module) void main();

if (SUBJECTS.some((s, i) => s.name !== MEMORY_SUBJECT_NAMES[i])) throw new Error('memory-subject-names.ts is out of date');
