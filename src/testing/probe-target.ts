import type { AddressInfo } from 'node:net';
import * as http from 'node:http';
import * as https from 'node:https';

/** What to probe: a base URL (`http://127.0.0.1:3000`), or a Node server (listening or not). */
export type ProbeTarget = string | URL | http.Server | https.Server;

export interface OpenTarget {
  readonly baseUrl: URL;
  /** Closes the server when the check started it; otherwise does nothing. */
  close(): Promise<void>;
}

/**
 * Resolves the target to a base URL. A server that is not listening yet (a Nest app after `init()`,
 * `app.getHttpServer()`) is started on a free port of 127.0.0.1 and closed afterwards.
 */
export async function openTarget(target: ProbeTarget): Promise<OpenTarget> {
  if (typeof target === 'string' || target instanceof URL) {
    const baseUrl = new URL(String(target));
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new TypeError('apiward: target must be an http(s) URL');
    return { baseUrl, close: () => Promise.resolve() };
  }
  const server: unknown = target;
  if (!(server instanceof http.Server) && !(server instanceof https.Server)) {
    throw new TypeError('apiward: target must be a base URL or a node:http / node:https server');
  }
  const protocol = target instanceof https.Server ? 'https:' : 'http:';
  let started = false;
  if (!target.listening) {
    await new Promise<void>((resolve, reject) => {
      target.once('error', reject);
      target.listen(0, '127.0.0.1', () => {
        target.off('error', reject);
        resolve();
      });
    });
    started = true;
  }
  const address = target.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') throw new TypeError('apiward: target server must listen on a TCP port');
  const host = address.family === 'IPv6' ? `[${loopbackFor(address.address, '::1')}]` : loopbackFor(address.address, '127.0.0.1');
  const baseUrl = new URL(`${protocol}//${host}:${address.port}`);
  return {
    baseUrl,
    close: () => (started ? new Promise<void>((resolve) => target.close(() => resolve())) : Promise.resolve()),
  };
}

/** A server bound to every interface is reached over loopback. */
function loopbackFor(address: string, loopback: string): string {
  return address === '0.0.0.0' || address === '::' ? loopback : address;
}
