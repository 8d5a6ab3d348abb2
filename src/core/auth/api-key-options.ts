import { assertKnownKeys, assertObject, optionError, optionalFunction, optionalString } from '../options/validate';

/** What the application stores for an API key: never the plaintext, only `hashApiKey(key)`. */
export interface StoredApiKey {
  /** `hashApiKey(key)` as returned by `createApiKey`. */
  readonly hash: string;
  /** The principal's subject for requests made with this key. */
  readonly subject: string;
  /** Scopes this key grants. @default [] */
  readonly scopes?: readonly string[];
  /** @default 'service' */
  readonly kind?: 'user' | 'service';
}

/**
 * API keys of the form `<prefix>_<id>_<secret>` (see `createApiKey`), sent in their own header.
 */
export interface ApiKeyOptions {
  /**
   * Request header carrying the key (lower-case).
   * @default 'x-api-key'
   */
  readonly header?: string;
  /**
   * Finds a key by its public id. Returns `undefined` for an unknown id. A lookup that throws or
   * rejects denies the request (fail closed).
   */
  readonly lookup: (id: string) => Promise<StoredApiKey | undefined> | StoredApiKey | undefined;
}

export interface ResolvedApiKeyOptions {
  readonly header: string;
  readonly lookup: ApiKeyOptions['lookup'];
}

const API_KEY_KEYS = ['header', 'lookup'] as const;
const HEADER_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function resolveApiKeyOptions(value: unknown, path: string): ResolvedApiKeyOptions {
  const o = assertObject(value, path);
  assertKnownKeys(o, API_KEY_KEYS, path);
  const header = (optionalString(o.header, `${path}.header`) ?? 'x-api-key').toLowerCase();
  if (!HEADER_NAME.test(header)) throw optionError(`${path}.header`, 'must be a header name (letters, digits, dashes)');
  // Sharing a header with another credential would make "which credential is this?" ambiguous.
  if (header === 'authorization' || header === 'cookie' || header === 'proxy-authorization') {
    throw optionError(`${path}.header`, `must not be "${header}"`);
  }
  const lookup = optionalFunction<ApiKeyOptions['lookup']>(o.lookup, `${path}.lookup`);
  if (lookup === undefined) throw optionError(`${path}.lookup`, 'is required (a function from key id to the stored key)');
  return { header, lookup };
}
