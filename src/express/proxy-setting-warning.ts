import type { Apiward } from '../core/apiward';
import type { ProxyCheckContext } from '../core/enumeration/proxy-check';

/**
 * AntiEnumeration's proxy warning on Express. A wrong `antiEnumeration.trustProxy` fails silently (every
 * client on the proxy's budget, or clients choosing their own address), so `createApiward` checks it once
 * at creation, and again with the app's own `trust proxy` setting when `protect(app)` is given an app.
 * Each distinct warning is logged once, on the console like the default event log.
 */
export function proxySettingWarning(engine: Apiward, log: (line: string) => void = (line) => console.warn(line)): (context: ProxyCheckContext) => void {
  const logged = new Set<string>();
  return (context) => {
    const warning = engine.enumeration.setupWarning(context);
    if (warning === undefined || logged.has(warning)) return;
    logged.add(warning);
    log(warning);
  };
}

/** An Express application, whose `get(name)` reads a setting (a router has `get` too, as a route verb only). */
export function isExpressApp(host: unknown): host is { get(setting: string): unknown } {
  if (typeof host !== 'function' && (typeof host !== 'object' || host === null)) return false;
  const h = host as { get?: unknown; set?: unknown; enabled?: unknown };
  return typeof h.get === 'function' && typeof h.set === 'function' && typeof h.enabled === 'function';
}
