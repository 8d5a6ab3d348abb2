import { mountStamp } from './declared-route';

/**
 * Where protected routers are mounted (`app.use('/api/v1', router)`), so the inventory can show a route of
 * a router with its full path. Only mounts made on a protected app or router are seen; a router mounted
 * on a plain app shows its own paths.
 */
export class MountTable {
  private readonly parents = new WeakMap<object, { readonly parent: object; readonly path: string }[]>();

  add(parent: object, child: object, path: string): void {
    const list = this.parents.get(child) ?? [];
    list.push({ parent, path });
    this.parents.set(child, list);
  }

  /** Every path prefix under which `host` is reachable (`['']` for a host mounted nowhere we saw). */
  prefixes(host: object, depth = 0): readonly string[] {
    const mounts = this.parents.get(host);
    if (mounts === undefined || depth > 16) return [''];
    return mounts.flatMap(({ parent, path }) => this.prefixes(parent, depth + 1).map((prefix) => `${prefix}/${path}`));
  }
}

type Use = (this: unknown, ...args: unknown[]) => unknown;

/** Express's own reading of `use([path,] ...handlers)`: a leading non-function (after unwrapping arrays) is the path. */
function splitUseArgs(args: readonly unknown[]): { readonly path: unknown; readonly paths: readonly unknown[]; readonly handlers: readonly unknown[] } {
  let first: unknown = args[0];
  while (Array.isArray(first) && first.length > 0) first = first[0];
  if (args.length === 0 || typeof first === 'function') return { path: undefined, paths: ['/'], handlers: args.flat(Infinity) };
  const path = args[0];
  return { path, paths: Array.isArray(path) ? path : [path], handlers: args.slice(1).flat(Infinity) };
}

/**
 * Records every app or router mounted through `host.use(...)`, then mounts it as Express would, with a
 * stamp middleware in front that tells the mounted routers' guards the declared mount path they are
 * dispatched under (declared-route.ts): the route template never comes from `req.baseUrl`.
 */
export function recordMounts(host: object, table: MountTable): void {
  const methods = host as { use?: Use };
  const original = methods.use;
  if (typeof original !== 'function') return;
  methods.use = function use(this: unknown, ...args: unknown[]): unknown {
    const { path, paths, handlers } = splitUseArgs(args);
    // Routers and sub-apps are functions with their own `use`; plain middleware is not recorded.
    const children = handlers.filter((handler): handler is object => typeof handler === 'function' && typeof (handler as { use?: unknown }).use === 'function');
    if (children.length === 0) return original.apply(this, args);
    for (const child of children) for (const p of paths) table.add(host, child, String(p));
    const stamp = mountStamp(host, children, paths);
    return path === undefined ? original.call(this, stamp, ...args) : original.call(this, path, stamp, ...args.slice(1));
  };
}

/** The name of the last function among a route's handlers, for the inventory. */
export function handlerName(handlers: readonly unknown[]): string {
  for (let i = handlers.length - 1; i >= 0; i -= 1) {
    const handler = handlers[i];
    if (typeof handler === 'function') return handler.name === '' ? '(anonymous)' : handler.name;
  }
  return '(anonymous)';
}
