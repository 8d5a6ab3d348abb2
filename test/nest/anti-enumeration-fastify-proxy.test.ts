import Fastify, { type FastifyInstance } from 'fastify';
import { fastifyTrustProxy, watchFastifyProxy, type FastifyProxyView } from '../../src/nest/anti-enumeration-fastify-proxy';
import { get } from '../support/http';

async function serve(trustProxy: boolean | number | undefined, warnings: string[]): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = Fastify(trustProxy === undefined ? {} : { trustProxy });
  watchFastifyProxy(app as unknown as FastifyProxyView, () => void warnings.push('mismatch'));
  app.get('/ping', () => ({ pong: true }));
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, baseUrl };
}

describe("Fastify's proxy setting, for the start-up check", () => {
  it('reads trustProxy, which Fastify 5 leaves out of initialConfig', async () => {
    const trusting = Fastify({ trustProxy: 2 });
    const plain = Fastify();
    expect(fastifyTrustProxy(trusting)).toEqual({ value: 2 });
    expect(fastifyTrustProxy(plain)).toEqual({ value: false });
    // Something that is not a Fastify instance: unknown, so the first-request check takes over.
    expect(fastifyTrustProxy({ addHook: () => undefined })).toBeUndefined();
    await Promise.all([trusting.close(), plain.close()]);
  });
});

describe('watchFastifyProxy: the first forwarded request settles it when the setting cannot be read', () => {
  it('warns once when Fastify resolves a client other than the TCP peer', async () => {
    const warnings: string[] = [];
    const { app, baseUrl } = await serve(true, warnings);
    try {
      expect((await get(baseUrl, '/ping')).status).toBe(200);
      expect(warnings).toEqual([]);
      await get(baseUrl, '/ping', [['X-Forwarded-For', '198.51.100.9']]);
      await get(baseUrl, '/ping', [['X-Forwarded-For', '198.51.100.10']]);
      expect(warnings).toEqual(['mismatch']);
    } finally {
      await app.close();
    }
  });

  it('stays silent when Fastify, too, keys on the peer', async () => {
    const warnings: string[] = [];
    const { app, baseUrl } = await serve(undefined, warnings);
    try {
      await get(baseUrl, '/ping', [['X-Forwarded-For', '198.51.100.9']]);
      expect(warnings).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
