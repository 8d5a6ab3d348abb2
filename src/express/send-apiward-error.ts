import type { Response } from 'express';
import type { ApiwardError } from '../core/errors/apiward-error';

/**
 * Writes the core's answer as is: status, its headers, and the JSON body bytes, with the same
 * Content-Type the Nest platforms send. Written directly (not `res.json`) so Express adds nothing that
 * varies between platforms, such as an ETag.
 */
export function sendApiwardError(res: Response, error: ApiwardError): void {
  if (res.headersSent) {
    // Something before us already answered; all that is left is not to run the handler.
    res.end();
    return;
  }
  res.status(error.status);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(error.body));
}
