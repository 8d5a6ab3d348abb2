import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { LAB_HOST, type LabConfig } from './config/lab-config';
import { LabModule } from './lab-module';

export interface RunningLab {
  readonly app: INestApplication;
  readonly config: LabConfig;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the lab for its mode and listens on 127.0.0.1 only (port 0 picks a free one). */
export async function startLab(config: LabConfig, logger: LoggerService | LogLevel[] | false = ['error', 'warn']): Promise<RunningLab> {
  const app = await NestFactory.create<NestExpressApplication>(LabModule.forConfig(config), { logger });
  // Proxy trust is explicit and the same for Express and apiward (see LAB_TRUST_PROXY).
  app.set('trust proxy', Array.isArray(config.trustProxy) ? [...config.trustProxy] : config.trustProxy);
  await app.listen(config.port, LAB_HOST);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, port, url: `http://${LAB_HOST}:${port}`, close: () => app.close() };
}

/** The line tools wait for: exactly this, once the lab accepts connections. */
export function listeningLine(lab: RunningLab): string {
  return `breach-lab listening on ${lab.url} (${lab.config.mode})`;
}
