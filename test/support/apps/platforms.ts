import { startExpress4App, startExpress5App } from './express-test-app';
import { startNestExpressApp, startNestFastifyApp } from './nest-test-app';
import type { TestAppFactory } from './test-api';

/** Every platform the e2e spec runs on, by name (`describe.each(PLATFORMS)`). */
export const PLATFORMS: readonly (readonly [string, TestAppFactory])[] = [
  ['nest-express', startNestExpressApp],
  ['nest-fastify', startNestFastifyApp],
  ['express5', startExpress5App],
  ['express4', startExpress4App],
];
