interface FinishEmitter {
  readonly statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

const isFinishEmitter = (value: unknown): value is FinishEmitter =>
  typeof value === 'object' && value !== null && typeof (value as { once?: unknown }).once === 'function' && 'statusCode' in value;

/**
 * Calls `listener` once with the final status when the response ends, on Express (Node's response) and
 * Fastify (`reply.raw`). Listening on `finish` sees every way a handler ends — a value, a thrown
 * NotFoundException, an exception filter — which is what outcome counting needs.
 *
 * A client that reads the status line and then resets the connection never lets the response `finish`
 * (the rest of the body cannot be flushed), yet it has seen the answer: without `close`, a prober could
 * collect 404s that are never counted as misses. So `close` without a `finish` reports too, with the
 * status as it stands (the real one once headers were sent; a request abandoned before any answer
 * reports the default 200, which is right: the client learnt nothing). The first of the two reports.
 */
export function onResponseFinish(response: unknown, listener: ((status: number) => void) | undefined): void {
  if (listener === undefined) return;
  const raw = typeof response === 'object' && response !== null && 'raw' in response ? (response as { raw: unknown }).raw : response;
  if (!isFinishEmitter(raw)) return;
  let reported = false;
  const report = (): void => {
    if (reported) return;
    reported = true;
    try {
      listener(raw.statusCode);
    } catch {
      // Counting must never break a response that is already sent.
    }
  };
  raw.once('finish', report);
  raw.once('close', report);
}
