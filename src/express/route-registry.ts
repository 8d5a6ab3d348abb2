import type { RouteDeclaration } from '../core/route-declaration';
import { MountTable } from './mount-table';

/** One route registered through a protected app or router, as declared. */
export interface RegisteredRoute {
  /** Upper-case method, or `ALL` for `.all(...)`. */
  readonly method: string;
  /** The path as registered on its app or router (a router's mount path is not known here). */
  readonly path: string;
  /** What apiward was told about the route; `{}` for a route nobody declared (deny by default closes it). */
  readonly declaration: RouteDeclaration;
  /** The name of the route's last handler function (`(anonymous)` for an arrow function assigned nowhere). */
  readonly handler: string;
}

/** Every route registered through `router()` / `protect()`, in registration order (for the route inventory). */
export class RouteRegistry {
  private readonly entries: RegisteredRoute[] = [];
  /** The app or router each route was registered on, and where those are mounted (for full paths). */
  private readonly hosts = new WeakMap<RegisteredRoute, object>();
  readonly mounts = new MountTable();

  add(method: string, path: unknown, declaration: RouteDeclaration, handler = '(anonymous)', host?: object): void {
    const paths = Array.isArray(path) ? path : [path];
    for (const p of paths) {
      const entry = Object.freeze({ method: method.toUpperCase(), path: typeof p === 'string' ? p : String(p), declaration, handler });
      this.entries.push(entry);
      if (host !== undefined) this.hosts.set(entry, host);
    }
  }

  /** Every full path a registered route answers on: its host's mount prefixes joined with its own path. */
  fullPaths(entry: RegisteredRoute): readonly string[] {
    const host = this.hosts.get(entry);
    const prefixes = host === undefined ? [''] : this.mounts.prefixes(host);
    return prefixes.map((prefix) => `${prefix}/${entry.path}`);
  }

  list(): readonly RegisteredRoute[] {
    return [...this.entries];
  }
}
