import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { onResponseFinish } from '../../src/adapter-kit/on-response-finish';

/** A server whose handler reports each response's outcome through `onResponseFinish`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, reports: number[]): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    onResponseFinish(res, (status) => void reports.push(status));
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a raw GET; `onData` decides what the client does with the first bytes it receives. */
function rawGet(port: number, path: string, onConnected?: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      onConnected?.(socket);
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
}

describe('onResponseFinish', () => {
  it('reports the final status once for a response that finishes', async () => {
    const reports: number[] = [];
    const { server, port } = await serve((_req, res) => {
      res.statusCode = 404;
      res.end('{"statusCode":404}');
    }, reports);
    try {
      expect(await rawGet(port, '/missing')).toMatch(/^HTTP\/1\.1 404/);
      await tick(20);
      expect(reports).toEqual([404]);
    } finally {
      await close(server);
    }
  });

  it('counts a miss whose client read the status and reset the connection before the body was flushed', async () => {
    const reports: number[] = [];
    const { server, port } = await serve((_req, res) => {
      res.statusCode = 404;
      // A large body: the response cannot finish once the client is gone.
      res.write('x'.repeat(4 * 1024 * 1024));
      setTimeout(() => res.end(), 100);
    }, reports);
    try {
      const seen = await rawGet(port, '/missing', (socket) => socket.once('data', () => socket.resetAndDestroy()));
      expect(seen).toMatch(/^HTTP\/1\.1 404/);
      await tick(200);
      expect(reports).toEqual([404]);
    } finally {
      await close(server);
    }
  });

  it('a request abandoned before any answer reports once, as it stands, and not again when the handler ends', async () => {
    const reports: number[] = [];
    const { server, port } = await serve((_req, res) => {
      setTimeout(() => {
        res.statusCode = 404;
        res.end();
      }, 100);
    }, reports);
    try {
      await rawGet(port, '/slow', (socket) => setTimeout(() => socket.destroy(), 20));
      await tick(200);
      expect(reports).toEqual([200]);
    } finally {
      await close(server);
    }
  });

  it('ignores a missing listener and anything that is not a response', () => {
    expect(() => onResponseFinish({}, () => undefined)).not.toThrow();
    expect(() => onResponseFinish(undefined, undefined)).not.toThrow();
  });
});
