import type { IncomingMessage } from 'node:http';

/**
 * The Node-level steps both adapters take around a uniform answer. They read Express and Fastify objects
 * structurally and import no framework.
 */

/**
 * Resolves once the request, body included, has been fully received: the moment a uniform deadline is
 * measured from. With a body parser in front (Nest always, Express when mounted) it already has; a body
 * nobody is reading is drained here, since a request still arriving cannot be given a fixed deadline.
 */
export function whenRequestReceived(req: IncomingMessage): Promise<void> {
  if (req.complete || req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => resolve();
    req.once('end', done);
    req.once('close', done);
    req.once('error', done);
    req.resume();
  });
}
