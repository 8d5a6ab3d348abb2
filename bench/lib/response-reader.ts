const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)[ \t]*\r\n/i;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3}) /;

/**
 * Splits the bytes of one keep-alive connection into HTTP/1.1 responses, for the paced load generator.
 * It reads only what a latency measurement needs: where each response ends (its `Content-Length`) and its
 * status. A response without `Content-Length` (chunked, or closed by the server) is reported as malformed:
 * every bench app answers a small JSON object with a length, so anything else is a fault worth stopping on.
 */
export class ResponseReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns the status of the first complete response, -1 if malformed, undefined if incomplete. */
  push(chunk: Buffer): number | undefined {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    return this.next();
  }

  /** The next complete response already buffered (as `push`), consuming it. */
  next(): number | undefined {
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0) return undefined;
    const head = this.buffered.toString('latin1', 0, end + 2);
    const status = STATUS_LINE.exec(head);
    const length = CONTENT_LENGTH.exec(head);
    if (status === null || length === null) return -1;
    const total = end + HEADER_END.length + Number(length[1]);
    if (this.buffered.length < total) return undefined;
    this.buffered = this.buffered.subarray(total);
    return Number(status[1]);
  }
}
