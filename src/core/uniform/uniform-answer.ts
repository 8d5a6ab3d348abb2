import type { EncodedBody } from './uniform-body';
import type { HeaderPair } from './uniform-headers';

/**
 * The one answer a uniform route sends, built once at start-up: status, exact header list (lower-case
 * names, in the order written) and exact body bytes. Adapters write it as is and nothing else.
 */
export interface UniformAnswer {
  readonly status: number;
  readonly headers: readonly HeaderPair[];
  readonly body: Buffer;
}

/** Statuses that carry no content (RFC 9110 §15.3.5, §15.4.5): no body, no Content-Length, no Content-Type. */
export const NO_CONTENT_STATUSES: ReadonlySet<number> = new Set([204, 304]);

export function buildUniformAnswer(status: number, body: EncodedBody, configured: readonly HeaderPair[]): UniformAnswer {
  if (NO_CONTENT_STATUSES.has(status)) {
    return Object.freeze({ status, headers: Object.freeze(configured.filter(([name]) => name !== 'content-type')), body: Buffer.alloc(0) });
  }
  const configuredType = configured.find(([name]) => name === 'content-type');
  const headers: HeaderPair[] = [
    ['content-type', configuredType === undefined ? body.contentType : configuredType[1]],
    ['content-length', String(body.bytes.length)],
    ...configured.filter(([name]) => name !== 'content-type'),
  ];
  return Object.freeze({ status, headers: Object.freeze(headers.map((pair) => Object.freeze(pair))), body: body.bytes });
}
