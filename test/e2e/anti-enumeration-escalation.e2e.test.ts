/**
 * AntiEnumeration's progressive delay and escalating blocks through real HTTP on every platform. The apps
 * serve the shared test API with the module default `delay` switched on; `/ping` allows 3 requests a
 * minute. Only `Date` is faked (jest modern timers): the delay itself is a real timer, measured with
 * `performance.now()`, and block lengths are crossed by moving the clock.
 */
import { performance } from 'node:perf_hooks';
import { minutes, type EnumerationThrottledEvent } from '../../src';
import { get, type HeaderLines, type RawResponse } from '../support/http';
import { ENUMERATION_MODULE_OPTIONS, type EnumerationTestApp } from '../support/apps/enumeration-api';
import { DATE_ONLY, ENUMERATION_PLATFORMS as PLATFORMS } from '../support/apps/enumeration-platforms';

/** A multiple of every window and block length used here. */
const T0 = Date.UTC(2030, 0, 1);
const MAX_DELAY_MS = 150;

const via = (address: string): HeaderLines => [['X-Forwarded-For', address]];

describe.each(PLATFORMS)('AntiEnumeration delay and escalation on %s', (_platform, start) => {
  let app: EnumerationTestApp;

  beforeAll(async () => {
    jest.useFakeTimers(DATE_ONLY);
    jest.setSystemTime(T0);
    app = await start({ ...ENUMERATION_MODULE_OPTIONS, defaults: { delay: { afterRatio: 0.5, maxDelayMs: MAX_DELAY_MS } } });
  });
  afterAll(async () => {
    await app.close();
    jest.useRealTimers();
  });

  const timedPing = async (client: string): Promise<RawResponse & { readonly ms: number }> => {
    const started = performance.now();
    const res = await get(app.baseUrl, '/ping', via(client));
    return { ...res, ms: performance.now() - started };
  };
  const throttled = (client: string): EnumerationThrottledEvent[] =>
    app.events.filter((e): e is EnumerationThrottledEvent => e.type === 'enumeration.throttled' && e.client === client);

  it('delays from half the budget, growing to maxDelayMs at the limit, then refuses', async () => {
    const client = '198.51.100.150';
    const answers = [await timedPing(client), await timedPing(client), await timedPing(client), await timedPing(client)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    // 1/3 of the budget: no delay; 2/3: a third of the way from 0.5 to the limit; 3/3: the maximum.
    expect(throttled(client).map((e) => [e.budget, e.count, e.limit, e.delayMs])).toEqual([
      ['requests', 2, 3, 50],
      ['requests', 3, 3, MAX_DELAY_MS],
    ]);
    expect(answers[1]?.ms).toBeGreaterThanOrEqual(50);
    expect(answers[2]?.ms).toBeGreaterThanOrEqual(MAX_DELAY_MS);
  });

  it('blocks escalate for a repeat offender: 1, then 4, then 16 minutes', async () => {
    const client = '198.51.100.151';
    const round = async (): Promise<(number | string | undefined)[]> => {
      const out: (number | string | undefined)[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await get(app.baseUrl, '/ping', via(client));
        out.push(res.status === 429 ? res.headers['retry-after'] : res.status);
      }
      return out;
    };
    expect(await round()).toEqual([200, 200, 200, '60']);
    jest.setSystemTime(Date.now() + minutes(1));
    expect(await round()).toEqual([200, 200, 200, '240']);
    // Still blocked just before the second block ends.
    jest.setSystemTime(Date.now() + minutes(4) - 1_000);
    const during = await get(app.baseUrl, '/ping', via(client));
    expect([during.status, during.headers['retry-after']]).toEqual([429, '1']);
    jest.setSystemTime(Date.now() + 1_000);
    expect(await round()).toEqual([200, 200, 200, '960']);
    const offences = app.events.filter((e) => e.type === 'enumeration.blocked' && e.client === client && e.offence !== undefined).map((e) => (e.type === 'enumeration.blocked' ? e.offence : 0));
    expect(offences).toEqual([1, 2, 3]);
  });
});
