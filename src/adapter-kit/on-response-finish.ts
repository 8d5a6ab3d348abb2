interface FinishEmitter {
  readonly statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

const isFinishEmitter = (value: unknown): value is FinishEmitter =>
  typeof value === 'object' && value !== null && typeof (value as { once?: unknown }).once === 'function' && 'statusCode' in value;

/**
 * Calls `listener` with the final status once the response is sent, on Express (Node's response) and
 * Fastify (`reply.raw`). Listening on `finish` sees every way a handler ends — a value, a thrown
 * NotFoundException, an exception filter — which is what outcome counting needs.
 */
export function onResponseFinish(response: unknown, listener: ((status: number) => void) | undefined): void {
  if (listener === undefined) return;
  const raw = typeof response === 'object' && response !== null && 'raw' in response ? (response as { raw: unknown }).raw : response;
  if (!isFinishEmitter(raw)) return;
  raw.once('finish', () => {
    try {
      listener(raw.statusCode);
    } catch {
      // Counting must never break a response that is already sent.
    }
  });
}
