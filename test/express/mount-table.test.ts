import { handlerName, MountTable, recordMounts } from '../../src/express/mount-table';

describe('MountTable and recordMounts', () => {
  const fakeHost = () => {
    const calls: unknown[][] = [];
    return { calls, use: (...args: unknown[]) => void calls.push(args) };
  };
  const router = () => Object.assign(() => undefined, { use: () => undefined });

  it('records routers mounted through use(), with and without a path, and still mounts them', () => {
    const table = new MountTable();
    const app = fakeHost();
    recordMounts(app, table);
    const api = router();
    const v1 = router();
    const middleware = (): void => undefined;
    app.use('/api', api);
    app.use(middleware);
    app.use(['/v1', '/legacy'], [v1]);
    expect(app.calls).toHaveLength(3);
    // Routers are mounted behind a stamp naming their declared mount path; plain middleware is untouched.
    expect(app.calls[0]).toEqual(['/api', expect.any(Function), api]);
    expect(app.calls[1]).toEqual([middleware]);
    expect(app.calls[2]).toEqual([['/v1', '/legacy'], expect.any(Function), [v1]]);
    expect(table.prefixes(api)).toEqual(['//api']);
    expect(table.prefixes(v1)).toEqual(['//v1', '//legacy']);
    expect(table.prefixes(middleware)).toEqual(['']);
  });

  it('chains nested mounts', () => {
    const table = new MountTable();
    const app = {};
    const api = {};
    const v2 = {};
    table.add(app, api, '/api');
    table.add(api, v2, 'v2');
    expect(table.prefixes(v2)).toEqual(['//api/v2']);
  });

  it('names the last handler', () => {
    function show(): void {}
    expect(handlerName([() => undefined, show])).toBe('show');
    expect(handlerName([])).toBe('(anonymous)');
  });
});
