/**
 * UniformLookupResponse through real HTTP on every platform: Nest 11 (Express and Fastify platforms),
 * Express 5 and Express 4 serve the same password-reset request route (test/support/apps/uniform-*.ts).
 * Every outcome of the lookup must give the same bytes and headers, at the deadline or later, never earlier.
 * (The timing comparison with the rank test runs in scripts/verify-timing.ts, not here.)
 */
import { genericBody, type SecurityEvent } from '../../src';
import { expectIndistinguishable } from '../../src/testing';
import { send, type RawResponse } from '../support/http';
import { RESET_ANSWER, SLOW_HANDLER_MS, type UniformTestApp, type UniformTestAppFactory } from '../support/apps/uniform-api';
import { startUniformExpress4App, startUniformExpress5App } from '../support/apps/uniform-express-app';
import { startUniformNestExpressApp, startUniformNestFastifyApp } from '../support/apps/uniform-nest-app';

const PLATFORMS: readonly (readonly [string, UniformTestAppFactory])[] = [
  ['nest-express', startUniformNestExpressApp],
  ['nest-fastify', startUniformNestFastifyApp],
  ['express5', startUniformExpress5App],
  ['express4', startUniformExpress4App],
];

const BODY = '{"message":"If an account exists for this address, we sent it a message."}';
const reset = (email: unknown): { method: string; path: string; body: unknown } => ({ method: 'POST', path: '/password-reset', body: { email } });

function post(baseUrl: string, path: string, body: unknown): Promise<RawResponse & { elapsedMs: number }> {
  const started = performance.now();
  return send(baseUrl, { method: 'POST', path, headers: [['Content-Type', 'application/json']], body: JSON.stringify(body) }).then((res) => ({
    ...res,
    elapsedMs: performance.now() - started,
  }));
}

/** Waits (without asserting anything about speed) until `read` finds something. */
async function eventually<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = read();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('never happened');
}

/** Header lines of one answer, `date` left out: compared across platforms at the end. */
const answers = new Map<string, string>();
const headerLines = (res: RawResponse): string =>
  res.rawHeaders
    .map((v, i, all) => (i % 2 === 0 ? `${v.toLowerCase()}: ${all[i + 1]}` : undefined))
    .filter((line): line is string => line !== undefined && !line.startsWith('date:'))
    .join('\n');

describe.each(PLATFORMS)('UniformLookupResponse on %s', (platform, start) => {
  let app: UniformTestApp;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => app.close());

  it.each(['miss@example.test', 'locked@example.test', 'bug@example.test', 'mailfail@example.test', 'nobody@example.test'])(
    'an existing account vs %s: byte- and header-identical',
    async (other) => {
      const report = await expectIndistinguishable(app.baseUrl, reset('hit@example.test'), reset(other), { timing: false, samples: 2, warmup: 0 });
      expect(report.differences).toEqual([]);
      expect(report.status).toBe(202);
    },
  );

  it('sends exactly the configured answer, and nothing a branch set', async () => {
    const res = await post(app.baseUrl, '/password-reset', { email: 'hit@example.test' });
    expect(res.status).toBe(202);
    expect(res.text).toBe(BODY);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(BODY)));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY'); // set before the handler: kept
    expect(Object.keys(res.headers).sort()).toEqual(['cache-control', 'connection', 'content-length', 'content-type', 'date', 'x-frame-options']);
    answers.set(platform, `${res.status}\n${headerLines(res)}\n\n${res.text}`);
  });

  it('never answers before the deadline', async () => {
    for (const email of ['hit@example.test', 'nobody@example.test']) {
      const res = await post(app.baseUrl, '/password-reset', { email });
      expect(res.elapsedMs).toBeGreaterThanOrEqual(RESET_ANSWER.deadlineMs);
    }
  });

  it('runs deferred work after the answer was sent', async () => {
    const before = app.outbox.length;
    const res = await post(app.baseUrl, '/password-reset', { email: 'hit@example.test' });
    expect(res.status).toBe(202);
    const mail = await eventually(() => app.outbox[before]);
    expect(mail).toEqual({ to: 'hit@example.test', startedAfterAnswer: true });
  });

  it('turns a deferred failure into a uniform.deferred_failed event, without the message', async () => {
    const res = await post(app.baseUrl, '/password-reset', { email: 'mailfail@example.test' });
    expect(res.text).toBe(BODY);
    const event = await eventually(() => app.events.find((e: SecurityEvent) => e.type === 'uniform.deferred_failed'));
    expect(event).toEqual({ type: 'uniform.deferred_failed', at: expect.any(String), route: { method: 'POST', path: '/password-reset' }, errorName: 'MailerDownError' });
    expect(JSON.stringify(app.events)).not.toContain('mailfail');
  });

  it('quantises a slow handler to the next multiple of the deadline, with an event', async () => {
    const res = await post(app.baseUrl, '/slow-reset', { email: 'hit@example.test' });
    expect(res.status).toBe(202);
    expect(res.text).toBe(BODY);
    // (Under load, the 40 ms route may miss its deadline too: look for this route's event.)
    const event = await eventually(() => app.events.find((e: SecurityEvent) => e.type === 'uniform.deadline_missed' && e.route?.path === '/slow-reset'));
    if (event.type !== 'uniform.deadline_missed') throw new Error('unexpected event');
    expect(event).toMatchObject({ route: { method: 'POST', path: '/slow-reset' }, deadlineMs: 100 });
    expect(event.handlerMs).toBeGreaterThanOrEqual(SLOW_HANDLER_MS);
    expect(event.releasedAfterMs % 100).toBe(0);
    expect(event.releasedAfterMs).toBeGreaterThanOrEqual(200);
    expect(event.releasedAfterMs - event.handlerMs).toBeLessThanOrEqual(100);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(event.releasedAfterMs - 1);
  });

  it('lets a listed error through unchanged (a malformed email, refused before any lookup), still at the deadline', async () => {
    const res = await post(app.baseUrl, '/password-reset', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify(genericBody(400)));
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(RESET_ANSWER.deadlineMs);
  });
});

describe('UniformLookupResponse across platforms', () => {
  it('every platform sends the same status, header lines and body bytes', () => {
    expect(answers.size).toBe(PLATFORMS.length);
    expect(new Set(answers.values()).size).toBe(1);
  });
});
