import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadCommand, LoadResult } from './load-driver';

type DriverMessage = { type: 'result'; result: LoadResult } | { type: 'error'; id: number; message: string };

/** The harness side of the load-driver process: one command at a time, answered over IPC. */
export class LoadDriverClient {
  private nextId = 1;
  private pending: { id: number; resolve: (r: LoadResult) => void; reject: (e: Error) => void } | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: DriverMessage) => {
      const p = this.pending;
      if (p === undefined) return;
      this.pending = undefined;
      if (msg.type === 'result' && msg.result.id === p.id) p.resolve(msg.result);
      else p.reject(new Error(`load driver: ${msg.type === 'error' ? msg.message : 'answer to another command'}`));
    });
    child.on('exit', (code) => {
      this.pending?.reject(new Error(`load driver exited (${String(code)})`));
      this.pending = undefined;
    });
  }

  static start(buildDir: string): LoadDriverClient {
    // --expose-gc: the driver collects its own garbage before a fixed-rate run (see load-driver.ts).
    const child = fork(join(buildDir, 'bench', 'lib', 'load-driver.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] });
    return new LoadDriverClient(child);
  }

  run(cmd: Omit<LoadCommand, 'id'>): Promise<LoadResult> {
    if (this.pending !== undefined) return Promise.reject(new Error('load driver busy'));
    const id = this.nextId++;
    return new Promise<LoadResult>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.child.send({ ...cmd, id });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}
