// `npm run example:nest` (PORT to choose the port; 0 picks a free one).
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { mintDevToken, secretWasGenerated } from './example-auth';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  console.log(`nest-basic listening on ${url}`);
  if (secretWasGenerated) {
    console.log(`try:\n  curl -i ${url}/health\n  curl -i ${url}/me\n  curl -i -H "Authorization: Bearer ${mintDevToken()}" ${url}/me`);
  }
}

bootstrap().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
