interface ClosingResponse {
  readonly statusCode: number;
  on(event: 'close', listener: () => void): unknown;
}

const isClosingResponse = (value: unknown): value is ClosingResponse =>
  typeof value === 'object' && value !== null && typeof (value as { on?: unknown }).on === 'function';

/**
 * Calls `listener` once with the final status when the response is over, on Express (Node's response)
 * and Fastify (`reply.raw`). It sees every way a handler ends — a value, a thrown NotFoundException, an
 * exception filter — which is what outcome counting needs.
 *
 * One `close` listener covers both endings. Node emits `close` on a server response right after `finish`
 * (nextTick) when the response completes, and alone when the connection goes first. The second case is a
 * threat, not an edge case: a client that reads the status line and then resets the connection never lets
 * the response finish (the rest of the body cannot be flushed), yet it has seen the answer, and a prober
 * must not collect 404s that are never counted as misses. The status reported is the one as it stands:
 * the real one once headers were sent; a request abandoned before any answer reports the default 200,
 * which is right: the client learnt nothing.
 *
 * `on`, not `once`, and only one listener: this runs on every counted request, a response emits `close`
 * once, and `once` wraps each listener in a closure of its own.
 */
export function onResponseFinish(response: unknown, listener: ((status: number) => void) | undefined): void {
  if (listener === undefined) return;
  const raw = typeof response === 'object' && response !== null && 'raw' in response ? (response as { raw: unknown }).raw : response;
  if (!isClosingResponse(raw)) return;
  let reported = false;
  raw.on('close', () => {
    if (reported) return;
    reported = true;
    try {
      listener(raw.statusCode);
    } catch {
      // Counting must never break a response that is already sent.
    }
  });
}
