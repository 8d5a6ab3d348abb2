import { Session, type HeapProfiler } from 'node:inspector';

/**
 * Preloaded into a variant process by `npm run bench:alloc` (`node -r heap-sampler.js serve.js <variant>`):
 * V8's sampling heap profiler, counting every allocation (also what the next scavenge or mark-compact
 * collects: short-lived garbage is exactly what a request's cost is made of), between a `heap-start` and
 * a `heap-stop` message from the harness, so the app's start-up is not counted.
 */
export type HeapSamplerMessage = { readonly type: 'heap-started' } | { readonly type: 'heap-profile'; readonly profile: HeapProfiler.SamplingHeapProfile };

const SAMPLING_INTERVAL_BYTES = 256;

const session = new Session();
session.connect();
process.on('message', (msg: { readonly type?: unknown } | null) => {
  const send = process.send?.bind(process);
  if (send === undefined) return;
  if (msg?.type === 'heap-start') {
    session.post('HeapProfiler.enable', () => {
      const params = { samplingInterval: SAMPLING_INTERVAL_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
      session.post('HeapProfiler.startSampling', params, () => send({ type: 'heap-started' } satisfies HeapSamplerMessage));
    });
  } else if (msg?.type === 'heap-stop') {
    session.post('HeapProfiler.stopSampling', (err, result) => {
      if (err !== null) throw err;
      send({ type: 'heap-profile', profile: result.profile } satisfies HeapSamplerMessage);
    });
  }
});
