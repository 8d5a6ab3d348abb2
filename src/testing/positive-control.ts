import { AssertionError } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertKnownKeys, optionalInteger, optionalObject } from '../core/options/validate';
import { collectSamples } from './collect-samples';
import { createProbeAgent } from './probe';
import { compareTiming, formatTiming, type TimingComparison } from './timing-comparison';
import { resolveAlpha } from './resolve-alpha';

export interface PositiveControlOptions {
  /** Interleaved pairs. @default 100 */
  readonly samples?: number;
  /** Pairs sent first and discarded. @default 10 */
  readonly warmup?: number;
  /** How much slower the leaking branch answers, in ms. @default 5 */
  readonly delayMs?: number;
  /** Significance level. @default 0.001 */
  readonly alpha?: number;
}

const KEYS = ['samples', 'warmup', 'delayMs', 'alpha'] as const;
const BODY = Buffer.from('{"message":"If an account exists, we sent a message."}');

/**
 * A deliberately leaking route, served on 127.0.0.1: `/leak?exists=1` answers exactly like
 * `/leak?exists=0` — same status, bytes and headers — only `delayMs` later, like a lookup that does more
 * work when the account exists.
 */
function startLeakingServer(delayMs: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const answer = (): void => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(BODY.length) });
      res.end(BODY);
    };
    if (req.url === '/leak?exists=1') setTimeout(answer, delayMs);
    else answer();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The positive control: the same sampling and rank test, against a route known to leak `delayMs`. When
 * it does not detect that leak on this machine, a "not distinguishable" verdict from the same procedure
 * proves nothing (too few samples, too much noise), so it throws. Resolves with the control's figures.
 */
export async function runPositiveControl(options: PositiveControlOptions = {}): Promise<TimingComparison> {
  const o = optionalObject(options, 'positiveControl') ?? {};
  assertKnownKeys(o, KEYS, 'positiveControl');
  const samples = optionalInteger(o.samples, 'positiveControl.samples', 100, 20, 100_000);
  const warmup = optionalInteger(o.warmup, 'positiveControl.warmup', 10, 0, 10_000);
  const delayMs = optionalInteger(o.delayMs, 'positiveControl.delayMs', 5, 1, 10_000);
  const alpha = resolveAlpha(o.alpha, 'positiveControl.alpha');
  const server = await startLeakingServer(delayMs);
  const baseUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const agent = createProbeAgent(baseUrl);
  try {
    const series = await collectSamples(baseUrl, agent, { path: '/leak?exists=1' }, { path: '/leak?exists=0' }, { samples, warmup, timeoutMs: 30_000 });
    const timing = compareTiming(series.a.map((r) => r.durationMs), series.b.map((r) => r.durationMs), alpha);
    if (!timing.distinguishable) {
      throw new AssertionError({
        message: `apiward positive control failed: the rank test did not detect a route ${delayMs} ms slower (${formatTiming(timing, ['leaking', 'plain'])}); timing verdicts on this machine cannot be trusted with these settings`,
      });
    }
    return timing;
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
