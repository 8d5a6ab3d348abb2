/**
 * A broken event listener cannot break or open a route: one that throws, and one that rejects, is given
 * every event, and the routes answer exactly as they do with a listener that works — status, body bytes,
 * headers — with no 5xx and no unhandled rejection. Real HTTP on Nest 11 (Express and Fastify platforms),
 * Express 5 and Express 4, on the shared test API (test/support/apps).
 */
import type { SecurityEvent } from '../../src';
import { bearer, get, type HeaderLines, type RawResponse } from '../support/http';
import { PLATFORMS } from '../support/apps/platforms';
import type { TestApp } from '../support/apps/test-api';
import { claims, mfaClaims, signRs256, testAuthOptions } from '../support/tokens';

type Listener = (event: SecurityEvent) => void | Promise<void>;

const LISTENERS: readonly (readonly [string, (calls: SecurityEvent[]) => Listener])[] = [
  [
    'throws',
    (calls) => (event) => {
      calls.push(event);
      throw new Error('listener bug');
    },
  ],
  [
    'rejects',
    (calls) => async (event) => {
      calls.push(event);
      await Promise.resolve();
      throw new Error('log shipper down');
    },
  ],
  [
    'returns a rejected promise',
    (calls) => (event) => {
      calls.push(event);
      return Promise.reject(new Error('queue full'));
    },
  ],
];

/** Requests whose answers are compared; each denial emits at least one event. */
const REQUESTS: readonly (readonly [string, string, () => HeaderLines, number])[] = [
  ['no token', '/me', () => [], 401],
  ['a good token', '/me', () => bearer(signRs256()), 200],
  ['a forged token', '/me', () => bearer(`${signRs256().slice(0, -4)}AAAA`), 401],
  ['a token without the second factor', '/admin', () => bearer(signRs256(claims({ sub: 'admin-1' }))), 401],
  ['a good step-up token', '/admin', () => bearer(signRs256(claims({ sub: 'admin-1', ...mfaClaims(60_000) }))), 200],
  ['a route nobody declared, with a good token', '/forgotten', () => bearer(signRs256()), 403],
  ['a public route', '/health', () => [], 200],
];

/** What a client sees: status, body bytes and every header line except the per-response `date`. */
const visible = (res: RawResponse): string =>
  [
    res.status,
    res.text,
    ...res.rawHeaders.map((v, i, all) => (i % 2 === 0 ? `${v.toLowerCase()}: ${all[i + 1]}` : '')).filter((line) => line !== '' && !line.startsWith('date:')),
  ].join('\n');

describe.each(PLATFORMS)('a broken onSecurityEvent listener on %s', (_platform, start) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => void uncaught.push(error);
  let reference: TestApp;
  const referenceEvents: SecurityEvent[] = [];
  const expected = new Map<string, string>();

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUncaught);
    reference = await start({ auth: testAuthOptions(), onSecurityEvent: (event) => void referenceEvents.push(event) });
    for (const [name, path, headers, status] of REQUESTS) {
      const res = await get(reference.baseUrl, path, headers());
      expect([name, res.status]).toEqual([name, status]);
      expected.set(name, visible(res));
    }
    expect(referenceEvents.length).toBeGreaterThanOrEqual(4);
  });
  afterAll(async () => {
    await reference.close();
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUncaught);
  });

  it.each(LISTENERS)('a listener that %s: every route answers as with a working listener', async (_kind, makeListener) => {
    const calls: SecurityEvent[] = [];
    const app = await start({ auth: testAuthOptions(), onSecurityEvent: makeListener(calls) });
    try {
      for (const [name, path, headers, status] of REQUESTS) {
        const res = await get(app.baseUrl, path, headers());
        expect([name, res.status]).toEqual([name, status]);
        expect(visible(res)).toBe(expected.get(name));
      }
      // The listener was called for every denial, as the working one was.
      expect(calls.map((e) => e.type)).toEqual(referenceEvents.map((e) => e.type));
      // Rejections are noticed after the microtask queue drains: give them that chance.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(uncaught).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
