import { sendProbe, type ProbeAgent, type ProbeRequest, type ProbeResponse } from './probe';

export interface SampleSeries {
  readonly a: readonly ProbeResponse[];
  readonly b: readonly ProbeResponse[];
}

export interface CollectOptions {
  readonly samples: number;
  readonly warmup: number;
  readonly timeoutMs: number;
}

/**
 * Sends A and B in pairs, each pair in a random order, one request at a time on one connection. The
 * interleaving spreads slow drifts of the machine (another process, CPU frequency, GC) evenly over both
 * series, so they cannot pass for a difference between the requests, and the random order within a pair
 * keeps "A always goes first" from becoming one.
 */
export async function collectSamples(baseUrl: URL, agent: ProbeAgent, requestA: ProbeRequest, requestB: ProbeRequest, o: CollectOptions): Promise<SampleSeries> {
  const send = (request: ProbeRequest): Promise<ProbeResponse> => sendProbe(baseUrl, request, agent, o.timeoutMs);
  for (let i = 0; i < o.warmup; i++) {
    await send(requestA);
    await send(requestB);
  }
  const a: ProbeResponse[] = [];
  const b: ProbeResponse[] = [];
  for (let i = 0; i < o.samples; i++) {
    if (Math.random() < 0.5) {
      a.push(await send(requestA));
      b.push(await send(requestB));
    } else {
      b.push(await send(requestB));
      a.push(await send(requestA));
    }
  }
  return { a, b };
}
