import type { HeapProfiler } from 'node:inspector';
import { allocationSites, renderSites, totalOf } from '../../bench/lib/allocation-sites';

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '1' });

function node(functionName: string, url: string, selfSize: number, children: HeapProfiler.SamplingHeapProfileNode[] = []): HeapProfiler.SamplingHeapProfileNode {
  return { callFrame: frame(functionName, url, 9), selfSize, children };
}

describe('allocationSites (npm run bench:alloc)', () => {
  const profile: HeapProfiler.SamplingHeapProfile = {
    head: node('(root)', '', 0, [
      node('next', 'file:///x/node_modules/express/lib/router/index.js', 4_000, [node('', '/work/bench/.build/123/src/core/apiward.js', 1_000)]),
      node('next', '/other/node_modules/express/lib/router/index.js', 2_000),
    ]),
  };

  it('adds self sizes per function and file (paths cut to the package or the build root), per request', () => {
    const sites = allocationSites(profile, 10);
    expect(Object.fromEntries(sites)).toEqual({ 'next express/lib/router/index.js:10': 600, '(anonymous) src/core/apiward.js:10': 100 });
    expect(totalOf(sites)).toBe(700);
  });

  it('ranks sites by bytes, or by bytes beyond a baseline', () => {
    const sites = allocationSites(profile, 10);
    const baseline = new Map([['next express/lib/router/index.js:10', 580]]);
    expect(renderSites(sites, 1)).toEqual(['  bytes/req  site', '        600  next express/lib/router/index.js:10']);
    expect(renderSites(sites, 2, baseline).slice(1)).toEqual(['        100        100  (anonymous) src/core/apiward.js:10', '         20        600  next express/lib/router/index.js:10']);
  });
});
