import Module from 'node:module';
import { join } from 'node:path';

/**
 * Runs the lab from a fresh clone without a build step: `apiward` and `apiward/<entry>` resolve to the
 * TypeScript sources (as jest's moduleNameMapper and tsconfig `paths` do), which ts-node compiles. Must be
 * imported before anything that imports apiward.
 */
const SOURCE_ROOT = join(__dirname, '..', '..', '..', 'src');
const ENTRY = /^apiward(?:\/(nest|express|testing))?$/;

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;

loader._resolveFilename = function resolveApiward(this: unknown, request: string, ...rest: unknown[]): string {
  const match = ENTRY.exec(request);
  const target = match === null ? request : join(SOURCE_ROOT, match[1] ?? '', 'index.ts');
  return resolveFilename.call(this, target, ...rest);
};
