import { toAnyAuthenticated, toExposureDeclaration, toOwnershipDeclaration, toScopeRequirement } from '../../src';
import { combineMarkers } from '../../src/express/combine-markers';

const open = { public: { reason: 'x' } };
const read = { leastPrivilege: toScopeRequirement(['orders:read']) };
const write = { leastPrivilege: toScopeRequirement(['orders:write']) };

describe('combineMarkers', () => {
  it('requires the scopes of every leastPrivilege marker, in any order', () => {
    const expected = { leastPrivilege: { allOf: ['orders:read', 'orders:write'], anyOf: [], stepUp: undefined } };
    expect(combineMarkers([read, write])).toEqual(expected);
    expect(combineMarkers([write, read]).leastPrivilege?.allOf).toEqual(['orders:write', 'orders:read']);
  });

  it('reads public together with a requirement the closed way, whatever the order', () => {
    expect(combineMarkers([open, read])).toEqual(read);
    expect(combineMarkers([read, open])).toEqual(read);
    expect(combineMarkers([open, { requireAuth: {} }])).toEqual({ requireAuth: {} });
    expect(combineMarkers([open])).toEqual(open);
  });

  it('keeps every ownership policy, AnyAuthenticated and exposure', () => {
    const a = toOwnershipDeclaration(() => true, { ids: ['id'] });
    const b = toOwnershipDeclaration(() => true, { ids: ['id'] });
    const any = toAnyAuthenticated({ reason: 'r' });
    const exposure = toExposureDeclaration({ base: ['id'] });
    expect(combineMarkers([{ ownership: [a] }, { anyAuthenticated: any }, { ownership: [b] }, { exposure }])).toEqual({ anyAuthenticated: any, ownership: [a, b], exposure });
  });
});
