import { afterResponse, DeferredQueue, isAfterResponse } from '../../../src/core/uniform/deferred-work';
import type { UniformEvent } from '../../../src/core/uniform/uniform-events';
import { UniformResponder } from '../../../src/core/uniform/uniform-responder';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class MailerError extends Error {}

describe('DeferredQueue', () => {
  it('holds functions until start(), then runs them', async () => {
    const failures: unknown[] = [];
    const queue = new DeferredQueue((e) => failures.push(e));
    const ran: string[] = [];
    queue.add(() => void ran.push('email'));
    await flush();
    expect(ran).toEqual([]);
    queue.start();
    queue.start();
    await flush();
    expect(ran).toEqual(['email']);
    queue.add(() => void ran.push('late'));
    await flush();
    expect(ran).toEqual(['email', 'late']);
    expect(failures).toEqual([]);
  });

  it('reports sync throws, rejections and rejected promises; never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const failures: unknown[] = [];
      const queue = new DeferredQueue((e) => {
        failures.push(e);
        throw new Error('reporter broken');
      });
      const sync = new MailerError('sync');
      const async = new MailerError('async');
      const started = new MailerError('started');
      queue.add(() => { throw sync; });
      queue.add(() => Promise.reject(async));
      queue.add(Promise.reject(started));
      queue.start();
      await flush();
      await flush();
      expect(failures).toEqual(expect.arrayContaining([sync, async, started]));
      expect(failures).toHaveLength(3);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses what is neither a function nor a promise', () => {
    const queue = new DeferredQueue(() => undefined);
    expect(() => queue.add('send it' as unknown as () => void)).toThrow(TypeError);
    expect(() => afterResponse(42 as unknown as () => void)).toThrow(TypeError);
  });

  it('afterResponse marks returned work', () => {
    const work = (): void => undefined;
    expect(isAfterResponse(afterResponse(work))).toBe(true);
    expect(afterResponse(work).work).toBe(work);
    expect(isAfterResponse({ work })).toBe(false);
    expect(isAfterResponse(null)).toBe(false);
  });
});

describe('deferred work on a uniform route', () => {
  const options = { status: 202, body: { ok: true }, deadlineMs: 100 };
  const route = { method: 'POST', path: '/api/password-reset' };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('defer(fn) runs after the answer is sent, and the answer does not wait for it', async () => {
    const responder = UniformResponder.create(options);
    const exchange = responder.open();
    const log: string[] = [];
    const result = exchange.run(() => {
      exchange.defer(async () => {
        log.push('email started');
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        log.push('email sent');
      });
      return 'hit';
    });
    await jest.advanceTimersByTimeAsync(100);
    expect((await result).kind).toBe('answer');
    log.push('answer written');
    exchange.sent();
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['answer written', 'email started']);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(log).toEqual(['answer written', 'email started', 'email sent']);
  });

  it('a handler may return its work with afterResponse(...)', async () => {
    const responder = UniformResponder.create(options);
    const exchange = responder.open();
    const log: string[] = [];
    const result = exchange.run(async () => afterResponse(() => void log.push('sms')));
    await jest.advanceTimersByTimeAsync(100);
    await result;
    expect(log).toEqual([]);
    exchange.sent();
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['sms']);
  });

  it('a deferred failure is a uniform.deferred_failed event with the class name only', async () => {
    const events: UniformEvent[] = [];
    const responder = UniformResponder.create(options, { emit: (e) => events.push(e), route });
    const exchange = responder.open();
    const result = exchange.run(() => {
      exchange.defer(() => Promise.reject(new MailerError('could not send to alice@example.test')));
      exchange.defer(Promise.reject(new TypeError('x')));
      exchange.defer(() => { throw 'a string'; });
    });
    await jest.advanceTimersByTimeAsync(100);
    expect((await result).kind).toBe('answer');
    exchange.sent();
    await jest.advanceTimersByTimeAsync(0);
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining(
        ['TypeError', 'MailerError', 'string'].map((errorName) => ({ type: 'uniform.deferred_failed', at: expect.any(String), route, errorName })),
      ),
    );
    expect(JSON.stringify(events)).not.toContain('alice');
  });

  it('a failing handler still gets its deferred work run and the uniform answer', async () => {
    const responder = UniformResponder.create(options);
    const exchange = responder.open();
    const log: string[] = [];
    const result = exchange.run(() => {
      exchange.defer(() => void log.push('audit'));
      throw new Error('not found');
    });
    await jest.advanceTimersByTimeAsync(100);
    expect((await result).kind).toBe('answer');
    exchange.sent();
    await jest.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['audit']);
  });
});
