import { checkIdParams, resolveIdParams } from '../../../src/core/privilege/id-params';
import type { RequestLike } from '../../../src/core/request-like';

const req = (parts: Partial<RequestLike>): RequestLike => ({ method: 'GET', url: '/x', headers: {}, ...parts });
const numericId = resolveIdParams(['id'], 'ids');

describe('resolveIdParams', () => {
  it('reads a name as a numeric id looked up everywhere', () => {
    expect(numericId).toEqual([{ param: 'id', in: 'any', kind: 'numeric-id' }]);
  });

  it('reads the object form', () => {
    expect(resolveIdParams([{ param: 'customerId', in: 'params', kind: 'uuid' }], 'ids')).toEqual([{ param: 'customerId', in: 'params', kind: 'uuid' }]);
  });

  it.each([['id'], [[1]], [[{ param: 'id', in: 'header' }]], [[{ param: 'id', kind: 'int' }]], [[{ param: '__proto__' }]], [[{ param: 'id', extra: 1 }]], [['']]])(
    'refuses %j',
    (value) => expect(() => resolveIdParams(value, 'ids')).toThrow(TypeError),
  );
});

describe('checkIdParams: numeric ids', () => {
  it('accepts the canonical form and returns it as a number', () => {
    expect(checkIdParams(req({ params: { id: '10002' } }), numericId)).toEqual({ ok: true, ids: expect.objectContaining({ id: 10002 }) });
    expect(checkIdParams(req({ params: { id: '0' } }), numericId).ok).toBe(true);
  });

  it.each(['010002', '10002.0', '1e4', '0x2712', '10002\n', ' 10002', '+10002', '-1', '', '١٠٠٠٢', '10002 ', '99999999999999999'])(
    'refuses the non-canonical %j with not_canonical',
    (id) => {
      expect(checkIdParams(req({ params: { id } }), numericId)).toEqual({ ok: false, rejection: { param: 'id', source: 'params', reason: 'not_canonical' } });
    },
  );

  it.each([
    ['?id=1&id=2', ['1', '2']],
    ['id[]=1', ['1']],
    ['id[$ne]=1', { $ne: '1' }],
    ['id[toString]=1', { toString: '1' }],
  ])('refuses the polluted query %s with not_single_value', (_label, id) => {
    expect(checkIdParams(req({ query: { id } }), numericId)).toEqual({ ok: false, rejection: { param: 'id', source: 'query', reason: 'not_single_value' } });
  });

  it('refuses a missing id', () => {
    expect(checkIdParams(req({ params: {}, query: {} }), numericId)).toEqual({ ok: false, rejection: { param: 'id', source: undefined, reason: 'missing' } });
  });

  it('refuses two copies that disagree (the policy would check one, the handler use the other)', () => {
    expect(checkIdParams(req({ params: { id: '1' }, query: { id: '2' } }), numericId)).toEqual({
      ok: false,
      rejection: { param: 'id', source: 'query', reason: 'conflicting' },
    });
    expect(checkIdParams(req({ params: { id: '1' }, body: { id: 2 } }), numericId).ok).toBe(false);
  });

  it('accepts copies that agree, a JSON number in the body included', () => {
    expect(checkIdParams(req({ params: { id: '7' }, query: { id: '7' }, body: { id: 7 } }), numericId).ok).toBe(true);
  });

  it('refuses non-integer or unsafe JSON numbers in the body', () => {
    for (const id of [1.5, -1, 2 ** 60, Number.NaN]) {
      expect(checkIdParams(req({ body: { id } }), numericId).ok).toBe(false);
    }
  });

  it('ignores inherited properties', () => {
    const params = Object.create({ id: '1' }) as Record<string, unknown>;
    expect(checkIdParams(req({ params }), numericId)).toMatchObject({ ok: false, rejection: { reason: 'missing' } });
  });

  it('reads only the declared source when `in` is given', () => {
    const onlyPath = resolveIdParams([{ param: 'id', in: 'params' }], 'ids');
    expect(checkIdParams(req({ params: { id: '5' }, query: { id: ['1', '2'] } }), onlyPath).ok).toBe(true);
    expect(checkIdParams(req({ query: { id: '5' } }), onlyPath)).toMatchObject({ ok: false, rejection: { source: 'params', reason: 'missing' } });
  });
});

describe('checkIdParams: other kinds', () => {
  const uuid = resolveIdParams([{ param: 'id', kind: 'uuid' }], 'ids');
  const opaque = resolveIdParams([{ param: 'id', kind: 'opaque' }], 'ids');

  it('uuid: only the lower-case canonical form', () => {
    expect(checkIdParams(req({ params: { id: '3f1e9c1a-7b7d-4c1e-9a53-0d5a8f0b2c11' } }), uuid).ok).toBe(true);
    for (const id of ['3F1E9C1A-7B7D-4C1E-9A53-0D5A8F0B2C11', '{3f1e9c1a-7b7d-4c1e-9a53-0d5a8f0b2c11}', '3f1e9c1a7b7d4c1e9a530d5a8f0b2c11']) {
      expect(checkIdParams(req({ params: { id } }), uuid).ok).toBe(false);
    }
  });

  it('opaque: url-safe characters only, bounded length', () => {
    expect(checkIdParams(req({ params: { id: 'cus_Nb3x-9' } }), opaque).ok).toBe(true);
    for (const id of ['a/b', 'a b', 'a\n', '../x', 'x'.repeat(129), '']) {
      expect(checkIdParams(req({ params: { id } }), opaque).ok).toBe(false);
    }
  });
});
