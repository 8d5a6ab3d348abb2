import { RouteScopes } from '../../../src/core/enumeration/route-scopes';

describe('RouteScopes', () => {
  it('names a route METHOD /template, the same string on every request', () => {
    const scopes = new RouteScopes();
    const first = scopes.of({ method: 'GET', path: '/api/customers/:id' });
    expect(first).toBe('GET /api/customers/:id');
    expect(scopes.of({ method: 'GET', path: '/api/customers/:id' })).toBe(first);
    expect(scopes.of({ method: 'DELETE', path: '/api/customers/:id' })).toBe('DELETE /api/customers/:id');
  });

  it('keeps answering, without growing, past its bound', () => {
    const scopes = new RouteScopes();
    for (let i = 0; i < 10_050; i++) expect(scopes.of({ method: 'GET', path: `/r/${i}` })).toBe(`GET /r/${i}`);
    expect((scopes as unknown as { byPath: Map<string, unknown> }).byPath.size).toBe(10_000);
  });
});
