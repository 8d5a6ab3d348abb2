import { ApiwardError } from '../../../src/core/errors/apiward-error';
import type { UniformEvent } from '../../../src/core/uniform/uniform-events';
import type { UniformResult } from '../../../src/core/uniform/uniform-exchange';
import { UniformResponder, type UniformResponderRuntime } from '../../../src/core/uniform/uniform-responder';

class NotFoundError extends Error {
  readonly status = 404;
}
class AccountLockedError extends Error {}

const route = { method: 'POST', path: '/api/password-reset' };
const options = { status: 202, body: { message: 'If an account exists, we sent a message.' }, headers: { 'Cache-Control': 'no-store' }, deadlineMs: 100, passThrough: [400] };

function setup(runtime: UniformResponderRuntime = {}): { responder: UniformResponder; events: UniformEvent[] } {
  const events: UniformEvent[] = [];
  const responder = UniformResponder.create(options, { emit: (e) => events.push(e), route, ...runtime });
  return { responder, events };
}

function track(p: Promise<UniformResult>): { result: UniformResult | undefined } {
  const state: { result: UniformResult | undefined } = { result: undefined };
  void p.then((r) => {
    state.result = r;
  });
  return state;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('UniformExchange: one answer for every outcome', () => {
  const outcomes: [string, () => unknown][] = [
    ['a found account (value)', () => ({ id: 7, email: 'a@b.test' })],
    ['a found account (async value)', async () => ({ id: 7 })],
    ['nothing (undefined)', () => undefined],
    ['a not-found error', () => { throw new NotFoundError('no account a@b.test'); }],
    ['a rejected not-found', () => Promise.reject(new NotFoundError('x'))],
    ['a domain error', async () => { throw new AccountLockedError('locked'); }],
    ['a bug', () => (undefined as unknown as { x: () => void }).x()],
    ['a thrown non-error', () => { throw 'string'; }],
    ['an ApiwardError that is not passed through', () => { throw new ApiwardError('too_many_requests', 429); }],
  ];

  it.each(outcomes)('%s: the configured answer, byte for byte', async (_label, handler) => {
    const { responder } = setup();
    const result = await Promise.all([responder.open().run(handler), jest.advanceTimersByTimeAsync(100)]).then(([r]) => r);
    expect(result.kind).toBe('answer');
    if (result.kind !== 'answer') return;
    expect(result.answer.status).toBe(202);
    expect(result.answer.body.toString()).toBe('{"message":"If an account exists, we sent a message."}');
    expect(result.answer.headers).toEqual([
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', '54'],
      ['cache-control', 'no-store'],
    ]);
    // The very same object: nothing per request, nothing per branch.
    expect(result.answer).toBe(responder.options.answer);
  });
});

describe('UniformExchange: release time', () => {
  it('releases exactly at receivedAt + deadlineMs, not before', async () => {
    const { responder } = setup();
    const state = track(responder.open().run(() => 'hit'));
    await jest.advanceTimersByTimeAsync(99);
    expect(state.result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(state.result?.kind).toBe('answer');
  });

  it('measures from receipt, not from when the handler started', async () => {
    const { responder } = setup();
    const receivedAt = responder.now();
    await jest.advanceTimersByTimeAsync(30); // body parsing, guards
    const state = track(responder.open(receivedAt).run(() => 'hit'));
    await jest.advanceTimersByTimeAsync(69);
    expect(state.result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(state.result).toBeDefined();
  });

  it('a handler finishing within the deadline is invisible: fast and slow branches release together', async () => {
    const { responder, events } = setup();
    const fast = track(responder.open().run(() => 'miss'));
    const slow = track(responder.open().run(async () => sleep(95)));
    await jest.advanceTimersByTimeAsync(99);
    expect([fast.result, slow.result]).toEqual([undefined, undefined]);
    await jest.advanceTimersByTimeAsync(1);
    expect(fast.result).toEqual(slow.result);
    expect(events).toEqual([]);
  });

  it('a handler finishing exactly at the deadline misses nothing', async () => {
    const { responder, events } = setup();
    const state = track(responder.open().run(() => sleep(100)));
    await jest.advanceTimersByTimeAsync(100);
    expect(state.result).toBeDefined();
    expect(events).toEqual([]);
  });

  it('a slow handler is quantised to the next multiple of the deadline, with an event', async () => {
    const { responder, events } = setup();
    const state = track(responder.open().run(() => sleep(250)));
    await jest.advanceTimersByTimeAsync(299);
    expect(state.result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(state.result?.kind).toBe('answer');
    expect(events).toEqual([
      { type: 'uniform.deadline_missed', at: expect.any(String), route, deadlineMs: 100, handlerMs: 250, releasedAfterMs: 300 },
    ]);
  });

  it('a slow failing handler is quantised the same way', async () => {
    const { responder, events } = setup();
    const state = track(responder.open().run(async () => {
      await sleep(101);
      throw new NotFoundError('x');
    }));
    await jest.advanceTimersByTimeAsync(199);
    expect(state.result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(state.result?.kind).toBe('answer');
    expect(events.map((e) => e.type)).toEqual(['uniform.deadline_missed']);
  });

  it('re-checks the clock when a timer fires early, and waits for the rest', async () => {
    const now = { t: 0 };
    const timers: (() => void)[] = [];
    const clock = { now: (): number => now.t, setTimeout: (cb: () => void): void => void timers.push(cb) };
    const { responder } = setup({ clock });
    const state = track(responder.open().run(() => 'hit'));
    await Promise.resolve();
    await Promise.resolve();
    now.t = 60; // the timer fires while only 60 of 100 ms have passed (a stale loop time)
    timers.shift()?.();
    await new Promise(jest.requireActual('timers').setImmediate);
    expect(state.result).toBeUndefined();
    expect(timers).toHaveLength(1);
    now.t = 100;
    timers.shift()?.();
    await new Promise(jest.requireActual('timers').setImmediate);
    expect(state.result).toBeDefined();
  });
});

describe('UniformExchange: passThrough', () => {
  it('a listed error surfaces unchanged, at the deadline too', async () => {
    const { responder } = setup();
    const error = new ApiwardError('invalid_request', 400);
    const state = track(responder.open().run(() => { throw error; }));
    await jest.advanceTimersByTimeAsync(99);
    expect(state.result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(state.result).toEqual({ kind: 'passThrough', error });
  });
});

describe('UniformExchange: errors that became the answer', () => {
  it('are shown to onHandlerError (a bug must not vanish), never pass-through errors', async () => {
    const seen: unknown[] = [];
    const { responder } = setup({ onHandlerError: (e) => { seen.push(e); throw new Error('broken reporter'); } });
    const bug = new TypeError('bug');
    const p1 = responder.open().run(() => { throw bug; });
    const p2 = responder.open().run(() => { throw new ApiwardError('invalid_request', 400); });
    await jest.advanceTimersByTimeAsync(100);
    expect((await p1).kind).toBe('answer');
    expect((await p2).kind).toBe('passThrough');
    expect(seen).toEqual([bug]);
  });

  it('a broken event sink changes nothing', async () => {
    const responder = UniformResponder.create(options, { emit: () => { throw new Error('sink'); } });
    const p = responder.open().run(() => sleep(150));
    await jest.advanceTimersByTimeAsync(200);
    expect((await p).kind).toBe('answer');
  });

  it('runs one handler per exchange', async () => {
    const { responder } = setup();
    const exchange = responder.open();
    const first = exchange.run(() => 1);
    await expect(exchange.run(() => 2)).rejects.toThrow('one handler');
    await jest.advanceTimersByTimeAsync(100);
    await first;
  });
});
