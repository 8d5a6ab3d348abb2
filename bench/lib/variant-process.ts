import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { ServeMessage } from '../apps/serve';

/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

export type StartOutcome =
  | { readonly kind: 'ready'; readonly server: VariantServer }
  | { readonly kind: 'skip'; readonly reason: string };

/** A running variant app (its own node process on 127.0.0.1). */
export class VariantServer {
  constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly headers: Readonly<Record<string, string>> | undefined,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident set size now, from /proc/<pid>/status (VmRSS), in MiB. */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (m === null) throw new Error(`no VmRSS for pid ${this.pid}`);
    return Number(m[1]) / 1024;
  }

  /** CPU time (user + system) the process has used so far, in microseconds, from /proc/<pid>/stat. */
  cpuMicros(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of those.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  }

  /**
   * Sends `message` to the variant process and resolves with its first answer of type `answer` (the heap
   * sampler of `npm run bench:alloc` talks this way; serve.js itself only sends `ready`).
   */
  ask<T extends { readonly type: string }>(message: { readonly type: string }, answer: T['type'], timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', listen);
        reject(new Error(`variant process: no ${answer} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listen = (msg: T): void => {
        if (msg?.type !== answer) return;
        clearTimeout(timer);
        this.child.off('message', listen);
        resolve(msg);
      };
      this.child.on('message', listen);
      this.child.send(message);
    });
  }

  /** Disconnects (the app closes and exits); kills it if it has not gone within 5 s. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.child.connected) this.child.disconnect();
      else this.child.kill('SIGTERM');
    });
  }
}

/** Starts `serve.js <name>` and waits for its first message (ready / skip / error). */
export function startVariant(buildDir: string, name: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000, execArgv: readonly string[] = []): Promise<StartOutcome> {
  const child = fork(join(buildDir, 'bench', 'apps', 'serve.js'), [name], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [...execArgv] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise<StartOutcome>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`variant ${name}: ${why}${output === '' ? '' : `\n--- its output ---\n${output}`}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited before ready (code ${String(code)}, signal ${String(signal)})`));
    child.once('message', (msg: ServeMessage) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (msg.type === 'ready') resolve({ kind: 'ready', server: new VariantServer(child, msg.port, msg.headers) });
      else if (msg.type === 'skip') {
        child.kill('SIGKILL');
        resolve({ kind: 'skip', reason: msg.reason });
      } else fail(`failed to start: ${msg.message}`);
    });
  });
}

/** One real request before any load: the variant must answer 200 with the expected JSON, or the run stops. */
export function preflight(port: number, path: string, headers: Readonly<Record<string, string>>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        let ok: boolean;
        try {
          const parsed: unknown = JSON.parse(body);
          ok = typeof parsed === 'object' && parsed !== null && (parsed as { ok?: unknown }).ok === true;
        } catch {
          ok = false;
        }
        if (res.statusCode === 200 && ok) resolve();
        else reject(new Error(`preflight GET ${path} answered ${String(res.statusCode)} ${body.slice(0, 300)}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}
