import { ResponseReader } from '../../bench/lib/response-reader';

const response = (status: string, headers: readonly string[], body: string): Buffer =>
  Buffer.from(`HTTP/1.1 ${status}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n${body}`, 'latin1');

const ok = (body: string, lengthHeader = 'Content-Length'): Buffer =>
  response('200 OK', ['Content-Type: application/json', `${lengthHeader}: ${Buffer.byteLength(body)}`, 'Connection: keep-alive'], body);

/** Every status the reader reports for these chunks, in order (draining `next` after each push). */
function readAll(reader: ResponseReader, chunks: readonly Buffer[]): number[] {
  const out: number[] = [];
  for (const chunk of chunks) {
    let status = reader.push(chunk);
    while (status !== undefined) {
      out.push(status);
      if (status < 0) return out;
      status = reader.next();
    }
  }
  return out;
}

describe('ResponseReader (the paced load generator reads responses by Content-Length)', () => {
  it('reads one response delivered in one chunk, and then has nothing more', () => {
    const reader = new ResponseReader();
    expect(reader.push(ok('{"id":1}'))).toBe(200);
    expect(reader.next()).toBeUndefined();
  });

  it('reads a response split into two chunks at every byte boundary, and only when it is complete', () => {
    const bytes = Buffer.concat([ok('{"id":1}'), response('404 Not Found', ['Content-Length: 2'], '{}')]);
    const first = ok('{"id":1}').length;
    for (let cut = 1; cut < bytes.length; cut++) {
      const reader = new ResponseReader();
      const before = readAll(reader, [bytes.subarray(0, cut)]);
      // Nothing is reported before the first response's last body byte has arrived.
      expect(before).toEqual(cut >= first ? [200] : []);
      expect([...before, ...readAll(reader, [bytes.subarray(cut)])]).toEqual([200, 404]);
    }
  });

  it('reads a response delivered one byte at a time', () => {
    const bytes = ok('{"a":"b"}');
    const reader = new ResponseReader();
    const chunks = Array.from(bytes, (_b, i) => bytes.subarray(i, i + 1));
    expect(readAll(reader, chunks)).toEqual([200]);
  });

  it('reads two responses that arrive in one chunk, one per call', () => {
    const reader = new ResponseReader();
    expect(reader.push(Buffer.concat([ok('{}'), response('429 Too Many Requests', ['Content-Length: 0'], '')]))).toBe(200);
    expect(reader.next()).toBe(429);
    expect(reader.next()).toBeUndefined();
  });

  it.each(['content-length', 'CONTENT-LENGTH', 'Content-length', 'cOnTeNt-LeNgTh'])('accepts the header name %s', (name) => {
    const reader = new ResponseReader();
    expect(readAll(reader, [ok('{"x":1}', name), ok('{}')])).toEqual([200, 200]);
  });

  it('does not take a header that merely ends in content-length for the length', () => {
    const reader = new ResponseReader();
    const bytes = response('200 OK', ['X-Content-Length: 0', 'Content-Length: 2'], '{}');
    expect(readAll(reader, [bytes, ok('{}')])).toEqual([200, 200]);
  });

  it('reads a response whose body is empty', () => {
    const reader = new ResponseReader();
    expect(readAll(reader, [response('204 No Content', ['Content-Length: 0'], ''), ok('{}')])).toEqual([204, 200]);
  });

  it('reports -1 for a response without Content-Length (chunked): its end cannot be found', () => {
    const reader = new ResponseReader();
    expect(reader.push(response('200 OK', ['Transfer-Encoding: chunked'], '2\r\n{}\r\n0\r\n\r\n'))).toBe(-1);
  });

  it('reports -1 for bytes that are not an HTTP/1.x status line', () => {
    expect(new ResponseReader().push(Buffer.from('SSH-2.0-OpenSSH_9.6\r\nContent-Length: 0\r\n\r\n', 'latin1'))).toBe(-1);
    expect(new ResponseReader().push(Buffer.from('HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n', 'latin1'))).toBe(-1);
    expect(new ResponseReader().push(Buffer.from('HTTP/1.1 OK 200\r\nContent-Length: 0\r\n\r\n', 'latin1'))).toBe(-1);
  });
});
