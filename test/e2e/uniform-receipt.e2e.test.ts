/**
 * UniformLookupResponse's deadline counts from when the request was received — stamped when the route's
 * guard starts — not from when the uniform step starts after the guard. Here the guard is slow (a
 * revocation hook that takes `GUARD_MS`, driven by jest fake timers), and the answer must leave at
 * receipt + deadline, not at receipt + guard + deadline. Real HTTP on every platform.
 *
 * Only `setTimeout`/`clearTimeout` and `performance` are faked (the uniform clock and the hook run on
 * them); sockets, `Date` (token lifetimes) and `setImmediate` stay real. Fake time moves only when the test
 * moves it, so "not before the deadline" and "not after it" are exact, and nothing here measures speed.
 */
import { randomUUID } from 'node:crypto';
import { bearer, send, type RawResponse } from '../support/http';
import { claims, signRs256 } from '../support/tokens';
import {
  GUARD_MS,
  SLOW_GUARD_ANSWER,
  startSlowGuardExpress4,
  startSlowGuardExpress5,
  startSlowGuardNestExpress,
  startSlowGuardNestFastify,
  type SlowGuardApp,
  type SlowGuardAppFactory,
} from '../support/apps/slow-guard-uniform-app';

const PLATFORMS: readonly (readonly [string, SlowGuardAppFactory, readonly string[]])[] = [
  ['nest-express', startSlowGuardNestExpress, ['/lookup']],
  ['nest-fastify', startSlowGuardNestFastify, ['/lookup']],
  ['express5', startSlowGuardExpress5, ['/lookup', '/plain-lookup']],
  ['express4', startSlowGuardExpress4, ['/lookup', '/plain-lookup']],
];

const FAKE_TIMERS_AND_CLOCK: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['Date', 'hrtime', 'nextTick', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'],
};
const DEADLINE_MS = SLOW_GUARD_ANSWER.deadlineMs;
const BODY = JSON.stringify(SLOW_GUARD_ANSWER.body);

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets real I/O and promise chains run (real time, bounded) until `done()`; false if it never happened. */
async function settle(done: () => boolean, realMs: number): Promise<boolean> {
  const until = Date.now() + realMs;
  while (!done() && Date.now() < until) await turn();
  return done();
}

/** Moves fake time forward one millisecond at a time, letting the app run between steps. */
async function advance(ms: number, stop: () => boolean): Promise<void> {
  for (let i = 0; i < ms && !stop(); i++) {
    await jest.advanceTimersByTimeAsync(1);
    for (let j = 0; j < 3; j++) await turn();
  }
}

describe.each(PLATFORMS)('UniformLookupResponse deadline after a slow guard on %s', (_platform, start, paths) => {
  let app: SlowGuardApp;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => app.close());
  afterEach(() => {
    jest.useRealTimers();
  });

  it.each(paths)('%s: the answer leaves at receipt + deadline, not receipt + guard + deadline', async (path) => {
    expect(GUARD_MS).toBeLessThan(DEADLINE_MS);
    jest.useFakeTimers(FAKE_TIMERS_AND_CLOCK);
    const checks = app.revocationChecks.length;
    let answer: RawResponse | undefined;
    const headers = [...bearer(signRs256(claims({ sub: `user-${randomUUID()}` }))), ['Content-Type', 'application/json'] as const];
    // Settled either way: a request still pending when a failing test closes the app must not crash the run.
    const pending = send(app.baseUrl, { method: 'POST', path, headers, body: '{"email":"someone@example.test"}' }).then(
      (res) => {
        answer = res;
      },
      (err: unknown) => err,
    );

    // The guard has started (and stamped the receipt) once it asks the revocation hook.
    expect(await settle(() => app.revocationChecks.length > checks, 5_000)).toBe(true);
    const receivedAt = performance.now();

    // The guard takes GUARD_MS; nothing may leave before the deadline.
    await advance(DEADLINE_MS - 2, () => answer !== undefined);
    expect(await settle(() => answer !== undefined, 50)).toBe(false);

    // Just past the deadline (far less than GUARD_MS later), the answer is released.
    await advance(4, () => answer !== undefined);
    expect(await settle(() => answer !== undefined, 5_000)).toBe(true);
    expect(performance.now() - receivedAt).toBeLessThan(DEADLINE_MS + GUARD_MS / 2);
    expect(await pending).toBeUndefined();
    expect([answer?.status, answer?.text]).toEqual([202, BODY]);
  });
});
