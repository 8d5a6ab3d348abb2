import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DistinguishableError, expectIndistinguishable, runPositiveControl } from 'apiward/testing';

/** Routes that differ in one observable way each; `/same/*` do not differ at all. */
function createServer(): http.Server {
  let counter = 0;
  return http.createServer((req, res) => {
    const path = req.url ?? '/';
    let body = '{"ok":true}';
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    let status = 200;
    if (path === '/status/miss') status = 404;
    if (path === '/body/miss') body = '{"ok":false}';
    if (path === '/cookie/hit') headers['set-cookie'] = 'seen=1';
    if (path === '/counter') headers['x-count'] = String(counter++);
    if (path === '/echo' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': String(req.headers['content-type']) }).end(Buffer.concat(chunks));
      });
      return;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(status, headers).end(body);
  });
}

const quick = { timing: false, samples: 3, warmup: 0 } as const;

describe('expectIndistinguishable (bytes and headers; timing runs in scripts/verify-timing.ts)', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes identical answers and reports what it compared', async () => {
    const report = await expectIndistinguishable(url, { path: '/same/hit' }, { path: '/same/miss' }, quick);
    expect(report).toEqual({ samples: 3, status: 200, bodyBytes: 11, differences: [], timing: undefined, positiveControl: undefined, distinguishable: false });
  });

  it.each([
    ['/status/miss', 'status: A 200, B 404'],
    ['/body/miss', 'body: A 11 bytes, B 12 bytes'],
    ['/cookie/hit', 'header "set-cookie": only in B'],
  ])('fails on %s with the difference in the message', async (path, message) => {
    const error: unknown = await expectIndistinguishable(url, { path: '/same/hit' }, { path }, quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DistinguishableError);
    expect((error as Error).message).toContain(message);
    expect((error as DistinguishableError).report.distinguishable).toBe(true);
  });

  it('fails on an answer that varies between requests of the same branch, unless that header is ignored', async () => {
    await expect(expectIndistinguishable(url, { path: '/counter' }, { path: '/counter' }, quick)).rejects.toThrow('header "x-count"');
    await expect(expectIndistinguishable(url, { path: '/counter' }, { path: '/counter' }, { ...quick, ignoreHeaders: ['X-Count'] })).resolves.toMatchObject({ distinguishable: false });
  });

  it('sends methods, headers and JSON bodies', async () => {
    const a = { method: 'POST', path: '/echo', body: { email: 'a@b.test' } };
    await expect(expectIndistinguishable(url, a, { ...a, body: { email: 'a@b.test' } }, quick)).resolves.toMatchObject({ status: 200, bodyBytes: 20 });
    await expect(expectIndistinguishable(url, a, { ...a, body: 'raw', headers: { 'content-type': 'text/plain' } }, quick)).rejects.toThrow(DistinguishableError);
  });

  it('starts a server that is not listening, and closes it afterwards', async () => {
    const idle = createServer();
    await expectIndistinguishable(idle, { path: '/same/a' }, { path: '/same/b' }, quick);
    expect(idle.listening).toBe(false);
  });

  it('leaves a listening server running', async () => {
    await expectIndistinguishable(server, { path: '/same/a' }, { path: '/same/b' }, quick);
    expect(server.listening).toBe(true);
  });

  it.each([
    [{ samples: 0, timing: false }, 'options.samples'],
    [{ samples: 10 }, 'options.samples'],
    [{ alpha: 0.7 }, 'options.alpha'],
    [{ ignoreHeaders: 'date' }, 'options.ignoreHeaders'],
    [{ jitter: true }, 'options.jitter'],
  ])('refuses bad options %p', async (options, where) => {
    await expect(expectIndistinguishable(url, { path: '/' }, { path: '/' }, options as never)).rejects.toThrow(`option "${where}"`);
  });

  it('refuses bad requests and targets', async () => {
    await expect(expectIndistinguishable(url, { path: 'no-slash' }, { path: '/' }, quick)).rejects.toThrow('option "requestA.path"');
    await expect(expectIndistinguishable(url, { path: '/', method: 'GE T' }, { path: '/' }, quick)).rejects.toThrow('option "requestA.method"');
    await expect(expectIndistinguishable('ftp://127.0.0.1', { path: '/' }, { path: '/' }, quick)).rejects.toThrow('http(s) URL');
  });

  it('refuses bad positive-control options before sending anything', async () => {
    await expect(runPositiveControl({ samples: 5 })).rejects.toThrow('option "positiveControl.samples"');
  });
});
