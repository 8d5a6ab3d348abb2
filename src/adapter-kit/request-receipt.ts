import type { IncomingMessage } from 'node:http';
import { systemClock } from '../core/uniform/uniform-clock';

/*
 * UniformLookupResponse measures its deadline from when the request, body included, was received (issue
 * 5). The uniform step runs after the guard, and the guard's duration may depend on the account (a
 * revocation lookup, an AntiEnumeration store round trip or progressive delay): a clock started after it
 * would let that duration show. So the guard of a uniform route stamps the time at its start, and the
 * uniform step counts from the stamp. Only uniform routes are stamped; other routes pay nothing.
 *
 * Both adapters key the stamp on Node's request (Fastify's `request.raw`). It uses the uniform clock
 * (`systemClock`, monotonic), the one the adapters' uniform responders run on.
 */

interface Receipt {
  readonly at: number;
  received: boolean;
}

const receipts = new WeakMap<IncomingMessage, Receipt>();

/** Fully received, or carrying no body at all (then the headers were the whole request). */
function isReceived(req: IncomingMessage): boolean {
  if (req.complete || req.readableEnded) return true;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * Called at the start of a uniform route's guard. Express may run it while Node is still parsing the
 * packet that carried the body (the request event is emitted from inside the parser): by the next
 * microtask that packet has been parsed, so a body that came with it still counts as received at the
 * stamp. A body still arriving after that is not received yet: the stamp is dropped and the uniform step
 * counts from when it sees the body end, as it would without a guard.
 */
export function stampReceipt(req: IncomingMessage): void {
  if (receipts.has(req)) return;
  const receipt: Receipt = { at: systemClock.now(), received: isReceived(req) };
  receipts.set(req, receipt);
  if (!receipt.received) {
    queueMicrotask(() => {
      receipt.received = isReceived(req);
    });
  }
}

/** The stamped receipt time, or undefined when no guard stamped a fully received request. */
export function receiptTime(req: IncomingMessage): number | undefined {
  const receipt = receipts.get(req);
  return receipt?.received === true ? receipt.at : undefined;
}

/** Node's request behind a platform request (Fastify wraps it in `raw`; Express's request is Node's). */
export function nodeRequestOf(request: unknown): IncomingMessage {
  return (typeof request === 'object' && request !== null && 'raw' in request ? (request as { raw: unknown }).raw : request) as IncomingMessage;
}
