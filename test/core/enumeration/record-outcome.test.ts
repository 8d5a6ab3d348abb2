import { minutes } from '../../../src/core/util/duration';
import { isMiss } from '../../../src/core/enumeration/record-outcome';
import { harness } from './engine-harness';

const rule = { identifier: 'param:id', kind: 'numeric-id', requests: false, distinct: false, consecutive: false, delay: false, misses: [{ limit: 3, windowMs: minutes(10) }] } as const;

describe('misses', () => {
  it('after `limit` misses the next request is refused, not before', async () => {
    const h = harness({}, rule);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.call({ params: { id: String(i * 10) } }, { status: 404 })).status);
    statuses.push((await h.call({ params: { id: '1' } }, { status: 200 })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(h.events.find((e) => e.type === 'enumeration.blocked')).toMatchObject({ budget: 'misses', count: 3, limit: 3, offence: 1 });
  });

  it('limit - 1 misses leave the client free', async () => {
    const h = harness({}, rule);
    for (let i = 0; i < 2; i++) await h.call({ params: { id: String(i * 10) } }, { status: 403 });
    expect((await h.call({ params: { id: '1' } })).status).toBe(200);
    expect((await h.call({ params: { id: '1' } })).status).toBe(200);
  });

  it('counts 404, 403, 401 and not-found; not 200 or 500; once per request', async () => {
    expect([404, 403, 401].every((status) => isMiss({ status }))).toBe(true);
    expect(isMiss({ notFound: true })).toBe(true);
    expect(isMiss({ status: 200 }) || isMiss({ status: 500 }) || isMiss({})).toBe(false);
    const h = harness({}, rule);
    const first = await h.call({ params: { id: '1' } }, { status: 200 });
    if (first.status !== 200 || !('check' in first)) throw new Error('expected a pass');
    for (let i = 0; i < 5; i++) await first.check.record({ status: 404 });
    expect((await h.call({ params: { id: '2' } })).status).toBe(200);
  });
});
