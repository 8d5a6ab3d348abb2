import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import { itemPayload, type StartedApp } from './variant-app';

/** Listens on 127.0.0.1:0 and resolves with the port. */
export function listenExpress(app: Express): Promise<StartedApp> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', (err?: Error) => {
      if (err !== undefined) return reject(err);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** `express-bare`: Express 5, the route and nothing else. */
export function startExpressBare(): Promise<StartedApp> {
  const app = express();
  app.get('/bench/items/:id', (req, res) => {
    res.json(itemPayload(req.params.id));
  });
  return listenExpress(app);
}
