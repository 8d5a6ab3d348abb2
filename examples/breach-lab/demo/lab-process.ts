import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A lab started as its own process, as `npm run lab` would start it. */
export interface LabProcess {
  readonly url: string;
  readonly mode: 'protected' | 'unprotected';
  /** Everything the lab printed (for the report when something goes wrong). */
  output(): string;
  stop(): Promise<void>;
}

const MAIN = join(__dirname, '..', 'src', 'main.ts');
const READY = /breach-lab listening on (http:\/\/127\.0\.0\.1:\d+) \((protected|unprotected)\)/;

/**
 * Starts `src/main.ts` through ts-node on a free port (`--port 0`) and resolves once it prints its
 * listening line, which names the port it got.
 */
export function startLabProcess(mode: 'protected' | 'unprotected', env: Readonly<Record<string, string>> = {}, timeoutMs = 90_000): Promise<LabProcess> {
  const child = spawn(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), MAIN, '--mode', mode, '--port', '0'], {
    env: { ...process.env, ...env, LAB_MODE: mode },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the ${mode} lab did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match === null) return;
      clearTimeout(timer);
      resolve({ url: match[1] ?? '', mode, output: () => output, stop: () => stop(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the ${mode} lab exited with code ${String(code)} before listening`)));
    child.once('error', fail);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
