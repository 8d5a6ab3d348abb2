import { assertKnownKeys, assertObject, optionError } from '../core/options/validate';
import type { ProbeRequest } from './probe';

const KEYS = ['method', 'path', 'headers', 'body'] as const;
const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function assertProbeRequest(value: unknown, path: string): asserts value is ProbeRequest {
  const o = assertObject(value, path);
  assertKnownKeys(o, KEYS, path);
  if (typeof o.path !== 'string' || !o.path.startsWith('/')) throw optionError(`${path}.path`, 'must be a path starting with "/"');
  if (o.method !== undefined && (typeof o.method !== 'string' || !METHOD.test(o.method))) throw optionError(`${path}.method`, 'must be an HTTP method');
  if (o.headers !== undefined) {
    const headers = assertObject(o.headers, `${path}.headers`);
    for (const [name, v] of Object.entries(headers)) {
      if (typeof v !== 'string') throw optionError(`${path}.headers.${name}`, 'must be a string');
    }
  }
}
