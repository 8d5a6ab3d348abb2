// `npm run example:express` (PORT to choose the port; 0 picks a free one).
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { mintDevToken, secretWasGenerated } from './example-auth';

const server = createApp().listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  console.log(`express-basic listening on ${url}`);
  if (secretWasGenerated) {
    console.log(`try:\n  curl -i ${url}/health\n  curl -i ${url}/me\n  curl -i -H "Authorization: Bearer ${mintDevToken()}" ${url}/me`);
  }
});

const shutdown = (): void => {
  server.close(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
