import { spawn, type ChildProcess } from 'node:child_process';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

const TAIL_CHARS = 6_000;

/** Commands still running: a timed-out `beforeAll` must not leave an `npm install` behind. */
const running = new Set<ChildProcess>();

export function killRunningCommands(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** The end of a long output: npm and tsc put the line that matters last. */
export function tail(text: string): string {
  return text.length <= TAIL_CHARS ? text : `…${text.slice(-TAIL_CHARS)}`;
}

/**
 * Runs a command to completion and rejects, with its stderr and stdout in the message, when it fails or
 * outlives its timeout (a hung install must fail the suite, not hang it).
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    const describe = `${command} ${args.join(' ')} (in ${options.cwd})`;
    child.on('error', (err) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new Error(`${describe} could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) {
        resolve({ code, stdout, stderr });
        return;
      }
      const why = signal !== null ? `was killed (${signal}${signal === 'SIGKILL' ? `, timeout ${options.timeoutMs} ms` : ''})` : `exited with ${code}`;
      reject(new Error(`${describe} ${why}\n--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`));
    });
  });
}
