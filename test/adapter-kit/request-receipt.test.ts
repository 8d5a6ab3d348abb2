/** The receipt stamp a uniform route's guard leaves for the uniform step (issue 5: the deadline counts from receipt). */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { nodeRequestOf, receiptTime, stampReceipt } from '../../src/adapter-kit/request-receipt';
import { systemClock } from '../../src/core/uniform/uniform-clock';

function request(headers: Record<string, string>, complete: boolean): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  req.complete = complete;
  return req;
}

const microtask = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

describe('stampReceipt / receiptTime', () => {
  it('stamps a fully received request with the uniform clock, once', () => {
    const req = request({ 'content-length': '12' }, true);
    const before = systemClock.now();
    stampReceipt(req);
    const at = receiptTime(req);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(systemClock.now());
    stampReceipt(req);
    expect(receiptTime(req)).toBe(at);
  });

  it('counts a request without a body as received when its headers are', () => {
    const req = request({}, false);
    stampReceipt(req);
    expect(receiptTime(req)).toBeDefined();
  });

  it('keeps the stamp when the body finished arriving with the same packet (by the next microtask)', async () => {
    const req = request({ 'content-length': '12' }, false);
    stampReceipt(req);
    req.complete = true;
    await microtask();
    expect(receiptTime(req)).toBeDefined();
  });

  it('drops the stamp while the body is still arriving: the uniform step counts from its end instead', async () => {
    const req = request({ 'transfer-encoding': 'chunked' }, false);
    stampReceipt(req);
    await microtask();
    expect(receiptTime(req)).toBeUndefined();
  });

  it('has nothing for an unstamped request, and finds Node\'s request behind Fastify\'s', () => {
    const req = request({}, true);
    expect(receiptTime(req)).toBeUndefined();
    expect(nodeRequestOf({ raw: req })).toBe(req);
    expect(nodeRequestOf(req)).toBe(req);
  });
});
