import { applyExposure, toExposureDeclaration } from '../../../src/core/privilege/exposure';

const customerRow = {
  id: 10002,
  name: 'Ada',
  email: 'c10002@breach-lab.test',
  passportNumber: 'P1234567',
  dateOfBirth: '1990-01-01',
  address: { city: 'Sydney', street: '1 Main St' },
  passwordHash: '$2b$12$...',
};

const exposure = toExposureDeclaration({
  base: ['id', 'name', 'address.city'],
  byScope: { 'customers:pii': ['passportNumber', 'dateOfBirth'], 'customers:contact': ['email'] },
});

describe('applyExposure', () => {
  it('a full row without the pii scope keeps only the base fields', () => {
    expect(applyExposure(customerRow, exposure, new Set(['customers:read']))).toEqual({ id: 10002, name: 'Ada', address: { city: 'Sydney' } });
  });

  it('a full row with the pii scope adds the pii fields, nothing else', () => {
    expect(applyExposure(customerRow, exposure, new Set(['customers:read', 'customers:pii']))).toEqual({
      id: 10002,
      name: 'Ada',
      passportNumber: 'P1234567',
      dateOfBirth: '1990-01-01',
      address: { city: 'Sydney' },
    });
  });

  it('combines several scopes', () => {
    const out = applyExposure(customerRow, exposure, new Set(['customers:pii', 'customers:contact'])) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['address', 'dateOfBirth', 'email', 'id', 'name', 'passportNumber']);
    expect(out.passwordHash).toBeUndefined();
  });

  it('an anonymous caller gets the base fields', () => {
    expect(applyExposure([customerRow], exposure, new Set())).toEqual([{ id: 10002, name: 'Ada', address: { city: 'Sydney' } }]);
  });

  it('filters the records inside an envelope and keeps only the declared envelope fields', () => {
    const paged = toExposureDeclaration({ base: ['id', 'name'], byScope: { 'customers:pii': ['passportNumber'] }, within: 'data', envelope: ['total', 'nextCursor'] });
    const page = { data: [customerRow, customerRow], total: 2, nextCursor: 'abc', debug: { sql: 'select *' } };
    expect(applyExposure(page, paged, new Set())).toEqual({ data: [{ id: 10002, name: 'Ada' }, { id: 10002, name: 'Ada' }], total: 2, nextCursor: 'abc' });
    expect(applyExposure(page, paged, new Set(['customers:pii']))).toMatchObject({ data: [{ passportNumber: 'P1234567' }, { passportNumber: 'P1234567' }] });
  });

  it('supports a nested envelope path', () => {
    const nested = toExposureDeclaration({ base: ['id'], within: 'result.items', envelope: ['result.count'] });
    expect(applyExposure({ result: { items: [customerRow], count: 1, cursor: 'x' } }, nested, new Set())).toEqual({ result: { items: [{ id: 10002 }], count: 1 } });
  });
});

describe('toExposureDeclaration', () => {
  it.each([
    [{}],
    [{ base: 'id' }],
    [{ base: ['id', ''] }],
    [{ base: ['a..b'] }],
    [{ base: ['__proto__'] }],
    [{ base: ['a.__proto__.b'] }],
    [{ base: ['id'], byScope: { 'bad scope': ['x'] } }],
    [{ base: ['id'], byScope: { a: 'x' } }],
    [{ base: ['id'], envelope: ['total'] }],
    [{ base: ['id'], within: 'data', envelope: ['data'] }],
    [{ base: ['id'], within: 'data.items', envelope: ['data'] }],
    [{ base: ['id'], within: 'data', envelope: ['data.secret'] }],
    [{ base: ['id'], fields: ['x'] }],
  ])('refuses %j with a TypeError', (value) => {
    expect(() => toExposureDeclaration(value)).toThrow(TypeError);
  });
});
