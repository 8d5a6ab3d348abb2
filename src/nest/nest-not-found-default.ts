import type { ApiwardOptions } from '../core/apiward';
import { isPlainObject } from '../core/options/validate';

/**
 * What `throw new NotFoundException()` answers on Nest (both platforms): an ownership denial must send
 * exactly these bytes, so "not yours" looks like the handler's own "not found" out of the box.
 */
export const NEST_NOT_FOUND = Object.freeze({ status: 404, body: Object.freeze({ message: 'Not Found', statusCode: 404 }) });

/** The module options with Nest's not-found as `leastPrivilege.notFound` unless the app set its own. */
export function withNestNotFound(options: ApiwardOptions): ApiwardOptions {
  if (!isPlainObject(options)) return options;
  const leastPrivilege: unknown = options.leastPrivilege;
  if (leastPrivilege !== undefined && (!isPlainObject(leastPrivilege) || leastPrivilege.notFound !== undefined)) return options;
  return { ...options, leastPrivilege: { ...leastPrivilege, notFound: NEST_NOT_FOUND } };
}
