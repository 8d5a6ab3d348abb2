import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiwardError } from '../../../src/core/errors/apiward-error';
import { snapshotHeaders, writeUniformAnswer } from '../../../src/core/uniform/node-response-writer';
import { UniformResponder } from '../../../src/core/uniform/uniform-responder';
import { expectIndistinguishable } from '../../../src/testing/expect-indistinguishable';
import { DistinguishableError } from '../../../src/testing/distinguishable-error';

class NotFoundError extends Error {}
class AccountLockedError extends Error {}

type Handler = (email: string, res: http.ServerResponse) => unknown;

const lookups: Record<string, Handler> = {
  // The found branch does everything a real handler might do to give itself away.
  'hit@example.test': (_email, res) => {
    res.setHeader('Set-Cookie', 'seen=1');
    res.setHeader('ETag', '"abc"');
    res.setHeader('Content-Type', 'application/vnd.user+json');
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    return { id: 7, handle: 'alice' };
  },
  'miss@example.test': () => {
    throw new NotFoundError('no such account');
  },
  'locked@example.test': async () => {
    throw new AccountLockedError('locked');
  },
  'bug@example.test': () => JSON.parse('{'),
  'slow@example.test': () => new Promise((resolve) => setTimeout(resolve, 30)),
  'malformed': () => {
    throw new ApiwardError('invalid_request', 400);
  },
};

/** A plain Node server using the core the way the adapters do. */
function startServer(): Promise<{ server: http.Server; url: string }> {
  const responder = UniformResponder.create({
    status: 202,
    body: { message: 'If an account exists, we sent a message.' },
    headers: { 'Cache-Control': 'no-store' },
    deadlineMs: 20,
    passThrough: [400],
  });
  const server = http.createServer((req, res) => {
    // "Middleware" before the handler: kept (same for every branch), except x-powered-by.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Powered-By', 'Express');
    req.resume();
    req.on('end', () => {
      const exchange = responder.open();
      const keep = snapshotHeaders(res);
      const email = new URL(req.url ?? '/', 'http://x').searchParams.get('email') ?? '';
      void exchange
        .run(() => (lookups[email] ?? lookups['miss@example.test'])?.(email, res))
        .then((result) => {
          if (result.kind === 'answer') writeUniformAnswer(res, result.answer, keep);
          else res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
          exchange.sent();
        });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('writeUniformAnswer over real HTTP', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => ({ server, url } = await startServer()));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (email: string): { path: string } => ({ path: `/lookup?email=${encodeURIComponent(email)}` });

  it.each(['miss@example.test', 'locked@example.test', 'bug@example.test', 'slow@example.test', 'unknown@example.test'])(
    'hit vs %s: byte- and header-identical',
    async (other) => {
      const report = await expectIndistinguishable(url, get('hit@example.test'), get(other), { timing: false, samples: 3, warmup: 0 });
      expect(report.differences).toEqual([]);
      expect(report.status).toBe(202);
    },
  );

  it('sends exactly the configured header list, plus what Node itself adds', async () => {
    const res = await fetch(`${url}/lookup?email=hit%40example.test`);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('{"message":"If an account exists, we sent a message."}');
    expect([...res.headers.keys()].sort()).toEqual(['cache-control', 'connection', 'content-length', 'content-type', 'date', 'keep-alive', 'x-frame-options'].sort());
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-length')).toBe('54');
  });

  it('a pass-through error is rendered by the caller, and differs on purpose', async () => {
    await expect(expectIndistinguishable(url, get('hit@example.test'), get('malformed'), { timing: false, samples: 1, warmup: 0 })).rejects.toThrow(DistinguishableError);
  });

  it('writes nothing when the handler already wrote the response itself', () => {
    const res = new http.ServerResponse(new http.IncomingMessage(null as never));
    res.end('mine');
    const answer = UniformResponder.create({ status: 200, body: 'x', deadlineMs: 1 }).options.answer;
    expect(writeUniformAnswer(res, answer)).toBe(false);
  });
});
