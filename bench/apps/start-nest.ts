import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StartedApp } from './variant-app';

export type NestPlatform = 'express' | 'fastify';

/** Boots a Nest app on 127.0.0.1:0, logger off (no log line may cost time inside a measurement). */
export async function startNest(module: Type<unknown> | DynamicModule, platform: NestPlatform): Promise<StartedApp> {
  const app: INestApplication =
    platform === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: false })
      : await NestFactory.create(module, { logger: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => app.close() };
}
