import express5, { Router } from 'express';
import express4 from 'express4';
import type { AntiEnumerationOptions } from '../../src';
import { createApiward } from '../../src/express';
import { get } from '../support/http';
import { listenOn } from '../support/apps/express-test-app';
import { testAuthOptions } from '../support/tokens';

/** The `trustProxy` warnings `createApiward` and `protect(app)` print (console, like the default event log). */
function capture<T>(run: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const spy = jest.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)));
  try {
    return { result: run(), warnings: warnings.filter((w) => w.includes('trustProxy')) };
  } finally {
    spy.mockRestore();
  }
}

const ward = (antiEnumeration?: AntiEnumerationOptions) => createApiward({ auth: testAuthOptions(), onSecurityEvent: () => undefined, ...(antiEnumeration === undefined ? {} : { antiEnumeration }) });

describe('AntiEnumeration proxy warning on Express', () => {
  it('at creation: a trusted network wider than /8, once', () => {
    expect(capture(() => ward({ trustProxy: ['0.0.0.0/0'] })).warnings).toEqual([expect.stringMatching(/wider than \/8/)]);
    expect(capture(() => ward({ trustProxy: 6 })).warnings).toEqual([expect.stringMatching(/6 hops/)]);
    expect(capture(() => ward({ trustProxy: 1 })).warnings).toEqual([]);
  });

  it.each([
    ['express5', express5],
    ['express4', express4 as unknown as typeof express5],
  ])('protect(app) on %s compares with the app\'s own "trust proxy", and warns once', (_name, express) => {
    const apiward = ward({});
    const app = express();
    app.set('trust proxy', 1);
    const { warnings } = capture(() => {
      apiward.protect(app);
      apiward.protect(app);
    });
    expect(warnings).toEqual([expect.stringMatching(/framework trusts proxy headers but antiEnumeration\.trustProxy is off/)]);

    const reverse = ward({ trustProxy: ['loopback'] });
    expect(capture(() => reverse.protect(express())).warnings).toEqual([expect.stringMatching(/framework does not trust proxy headers/)]);
    const agreeing = ward({ trustProxy: 1 });
    const trusting = express();
    trusting.set('trust proxy', 'loopback');
    expect(capture(() => agreeing.protect(trusting)).warnings).toEqual([]);
  });

  it('says nothing without antiEnumeration options, and never reads a router as an app', async () => {
    const app = express5();
    app.set('trust proxy', true);
    expect(capture(() => ward().protect(app)).warnings).toEqual([]);
    const apiward = ward({});
    const router = capture(() => apiward.protect(Router())).result;
    // `router.get('trust proxy')` would have declared a route; the router still has none.
    router.get('/ping', apiward.public({ reason: 'test' }), (_req, res) => void res.json({ pong: true }));
    const host = express5();
    host.use(router);
    const running = await listenOn('express5', host);
    try {
      expect((await get(running.baseUrl, '/ping')).status).toBe(200);
      expect(apiward.routes().map((r) => r.path)).toEqual(['/ping']);
    } finally {
      await running.close();
    }
  });
});
