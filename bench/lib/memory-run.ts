import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { MemoryMessage } from '../memory/measure-memory';
import { MEMORY_SUBJECT_NAMES } from '../memory/memory-subject-names';
import type { MemoryReport } from './bench-report';
import { round } from './stats';

const BOUNDED_SUBJECT = 'apiward-anti-enumeration-memory';

export interface MemoryRunOptions {
  readonly keys: number;
  /** Also fill apiward's bounded store with twice the keys: bounded shows (about) the same, unbounded twice. */
  readonly boundedCheck: boolean;
  /**
   * Children at once. RSS is per process, so running the subjects side by side changes no figure, only the
   * wall time (`--quick` uses 2: the load runs are over by then).
   */
  readonly concurrency: number;
}

/** Runs each memory subject in its own `--expose-gc` child. */
export async function runMemory(buildDir: string, options: MemoryRunOptions, log: (line: string) => void): Promise<MemoryReport[]> {
  const { keys } = options;
  const jobs: [string, number][] = MEMORY_SUBJECT_NAMES.flatMap((name): [string, number][] =>
    name === BOUNDED_SUBJECT && options.boundedCheck ? [[name, keys], [name, keys * 2]] : [[name, keys]],
  );
  const results: MemoryReport[] = new Array<MemoryReport>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const [name, n] = jobs[i]!;
      results[i] = toReport(name, n, await measureOne(buildDir, name, n), log);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return results;
}

function toReport(name: string, keys: number, msg: MemoryMessage, log: (line: string) => void): MemoryReport {
  if (msg.type === 'result') {
    log(`memory  ${name.padEnd(34)} ${keys} keys  +${round(msg.deltaMiB, 1)} MiB RSS`);
    return { name, keys, deltaMiB: round(msg.deltaMiB, 1) };
  }
  if (msg.type === 'skip') {
    log(`memory  ${name.padEnd(34)} SKIPPED: ${msg.reason}`);
    return { name, keys, deltaMiB: null, skipped: msg.reason };
  }
  throw new Error(`memory subject ${name} failed: ${msg.message}`);
}

function measureOne(buildDir: string, name: string, keys: number): Promise<MemoryMessage> {
  const child = fork(join(buildDir, 'bench', 'memory', 'measure-memory.js'), [name, String(keys)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`memory subject ${name}: no answer within 5 minutes`));
    }, 300_000);
    child.once('message', (msg: MemoryMessage) => {
      clearTimeout(timer);
      resolve(msg);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`memory subject ${name} exited (${String(code)}) without an answer`));
    });
  });
}
