import express5 from 'express';
import { createApiward } from '../../src/express';
import { testAuthOptions } from '../support/tokens';

const answer = { status: 202, body: { ok: true }, deadlineMs: 10 };

describe('ward.uniformLookupResponse', () => {
  it('validates the options where they are written, naming the option', () => {
    const ward = createApiward({ auth: testAuthOptions() });
    expect(() => ward.uniformLookupResponse({ ...answer, deadlineMs: 0 }, () => undefined)).toThrow(/"uniformLookupResponse\.deadlineMs"/);
    expect(() => ward.uniformLookupResponse({ ...answer, headers: { 'Set-Cookie': 'a=b' } }, () => undefined)).toThrow(/"uniformLookupResponse\.headers\.Set-Cookie"/);
    expect(() => ward.uniformLookupResponse(answer, undefined as never)).toThrow(/handler/);
  });

  it('records the uniform declaration of a protected route for the inventory, and keeps the handler', () => {
    const ward = createApiward({ auth: testAuthOptions() });
    const api = ward.router();
    const handler = ward.uniformLookupResponse(answer, () => undefined);
    api.post('/lookup', ward.public({ reason: 'lookup' }), handler);
    const [route] = ward.routes();
    expect(route?.declaration.public).toEqual({ reason: 'lookup' });
    expect(route?.declaration.uniformLookupResponse?.answer.status).toBe(202);
    const app = express5();
    app.use(api);
    expect(typeof app).toBe('function');
  });
});
