import 'reflect-metadata';
import { readBenchSecrets } from '../lib/bench-secrets';
import { SkipVariant, type AppFactory, type StartedApp } from './variant-app';

/**
 * Entry of one variant's server process: `node serve.js <variant>`, started by the harness with an IPC
 * channel. Answers `ready` (port, optional headers), `skip` (a protection this variant needs has not
 * landed) or `error`, then serves until the harness disconnects.
 *
 * Each factory is loaded on demand, so a variant's missing or broken module only affects that variant.
 */
const FACTORIES: Readonly<Record<string, AppFactory>> = {
  'nest-bare': async () => (await import('./nest-bare')).startNestBare('express'),
  'nest-bare-fastify': async () => (await import('./nest-bare')).startNestBare('fastify'),
  'nest-apiward-hs256': async (s) => (await import('./nest-apiward')).startNestApiward(s, { platform: 'express', credential: 'hs256', store: 'memory' }),
  'nest-apiward-rs256': async (s) => (await import('./nest-apiward')).startNestApiward(s, { platform: 'express', credential: 'rs256', store: 'memory' }),
  'nest-apiward-apikey': async (s) => (await import('./nest-apiward')).startNestApiward(s, { platform: 'express', credential: 'apikey', store: 'memory' }),
  'nest-apiward-redis': async (s) => (await import('./nest-apiward')).startNestApiward(s, { platform: 'express', credential: 'hs256', store: 'redis' }),
  'nest-apiward-fastify': async (s) => (await import('./nest-apiward')).startNestApiward(s, { platform: 'fastify', credential: 'hs256', store: 'memory' }),
  'nest-peer-hs256': async (s) => (await import('./nest-peer')).startNestPeer(s, 'hs256-string'),
  'nest-peer-rs256': async (s) => (await import('./nest-peer')).startNestPeer(s, 'rs256-pem'),
  'nest-peer-hs256-keyobject': async (s) => (await import('./nest-peer')).startNestPeer(s, 'hs256-keyobject'),
  'express-bare': async () => (await import('./express-bare')).startExpressBare(),
  'express-apiward-hs256': async (s) => (await import('./express-apiward')).startExpressApiward(s),
  'express-peer-hs256': async (s) => (await import('./express-peer')).startExpressPeer(s),
};

export type ServeMessage =
  | { readonly type: 'ready'; readonly port: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly type: 'skip'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string };

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('serve.js must be started by the bench harness (IPC channel)');
  const name = process.argv[2] ?? '';
  const factory = FACTORIES[name];
  let app: StartedApp;
  try {
    if (factory === undefined) throw new Error(`no factory for variant ${name}`);
    app = await factory(readBenchSecrets());
  } catch (err: unknown) {
    const message: ServeMessage =
      err instanceof SkipVariant ? { type: 'skip', reason: err.message } : { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    send(message, () => process.exit(0));
    return;
  }
  process.on('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  const ready: ServeMessage = { type: 'ready', port: app.port, ...(app.headers !== undefined ? { headers: app.headers } : {}) };
  send(ready);
}

void main();
