import { UniformResponder } from '../../../src/core/uniform/uniform-responder';

describe('UniformResponder', () => {
  it('validates at creation, naming the option path', () => {
    expect(() => UniformResponder.create({ status: 200, body: 'x', deadlineMs: 0 })).toThrow('option "uniformLookupResponse.deadlineMs"');
    expect(() => UniformResponder.create({ status: 200, body: 'x', deadlineMs: 0 }, {}, 'routes[0]')).toThrow('option "routes[0].deadlineMs"');
  });

  it('opens exchanges on its clock; receivedAt defaults to now', () => {
    let t = 1_000;
    const responder = UniformResponder.create({ status: 200, body: 'x', deadlineMs: 10 }, { clock: { now: () => t, setTimeout: () => undefined } });
    expect(responder.now()).toBe(1_000);
    t = 1_005;
    expect(responder.open().receivedAt).toBe(1_005);
    expect(responder.open(990).receivedAt).toBe(990);
  });

  it('gives each exchange its own defer', () => {
    const responder = UniformResponder.create({ status: 200, body: 'x', deadlineMs: 10 });
    expect(responder.open().defer).not.toBe(responder.open().defer);
  });
});
