import { spawn, type ChildProcess } from 'node:child_process';
import { tail } from './run-command';

/**
 * An app started as its own node process; it prints `LISTENING <url>` (fixtures) or `listening on <url>`
 * (examples) once it accepts requests.
 */
export interface RunningServer {
  readonly url: string;
  /** What the process wrote so far, for failure messages. */
  output(): string;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  stop(): Promise<void>;
}

const READY = /(?:LISTENING|listening on) (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Every child this file starts, so `stopAllServers` (called from `afterAll`) can kill what a failed
 * test left running.
 */
const started = new Set<ChildProcess>();

export function startServer(label: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunningServer> {
  const child = spawn(process.execPath, [...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  let stdout = '';
  let stderr = '';
  const output = (): string => `--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`;
  const stop = (): Promise<void> => stopChild(child);
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${label}: ${why}\n${output()}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const ready = READY.exec(stdout);
      if (ready !== null) {
        clearTimeout(timer);
        resolve({ url: ready[1]!, output, stdout: () => stdout, stop });
      }
    });
    child.on('error', (err) => fail(`could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      if (!READY.test(stdout)) fail(`exited before listening (code ${code}, signal ${signal})`);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    started.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      started.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...started].map(stopChild));
}
