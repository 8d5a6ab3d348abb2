import type { EnumerationTestAppFactory } from './enumeration-api';
import { startEnumerationExpress4App, startEnumerationExpress5App } from './enumeration-express-app';
import { startEnumerationNestExpressApp, startEnumerationNestFastifyApp } from './enumeration-nest-app';

/** Every platform the AntiEnumeration e2e specs run on. */
export const ENUMERATION_PLATFORMS: readonly (readonly [string, EnumerationTestAppFactory])[] = [
  ['nest-express', startEnumerationNestExpressApp],
  ['nest-fastify', startEnumerationNestFastifyApp],
  ['express5', startEnumerationExpress5App],
  ['express4', startEnumerationExpress4App],
];

/**
 * Fake only the wall clock (`Date`): windows and blocks are read from `Date.now`, while HTTP, the
 * progressive delay's timers and the event loop keep running for real.
 */
export const DATE_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'requestIdleCallback',
    'cancelIdleCallback',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
  ],
};
