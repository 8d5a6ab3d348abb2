import type { HeapProfiler } from 'node:inspector';

/** Bytes allocated per request, by the function that allocated them (`name file:line`). */
export type AllocationSites = ReadonlyMap<string, number>;

/**
 * Folds a sampling heap profile into bytes per request per allocating function (`selfSize`: what the
 * function itself allocated, not its callees).
 */
export function allocationSites(profile: HeapProfiler.SamplingHeapProfile, requests: number): AllocationSites {
  const sites = new Map<string, number>();
  const visit = (node: HeapProfiler.SamplingHeapProfileNode): void => {
    if (node.selfSize > 0) {
      const frame = node.callFrame;
      const key = `${frame.functionName === '' ? '(anonymous)' : frame.functionName} ${shortFile(frame.url)}:${frame.lineNumber + 1}`;
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize / requests);
    }
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  return sites;
}

/** The path from the package (`express/lib/…`) or from the bench build's root (`src/core/…`): two builds of the same code name their sites alike. */
function shortFile(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const build = /\/bench\/\.build\/\d+\//.exec(url);
  return build === null ? url.slice(url.lastIndexOf('/') + 1) : url.slice(build.index + build[0].length);
}

export function totalOf(sites: AllocationSites): number {
  let total = 0;
  for (const bytes of sites.values()) total += bytes;
  return total;
}

/** `top` sites by bytes per request; with a baseline, by what the variant allocates beyond it. */
export function renderSites(sites: AllocationSites, top: number, baseline?: AllocationSites): string[] {
  const rows = [...new Set([...sites.keys(), ...(baseline?.keys() ?? [])])].map((site) => {
    const bytes = sites.get(site) ?? 0;
    return { site, bytes, delta: bytes - (baseline?.get(site) ?? 0) };
  });
  rows.sort((a, b) => (baseline === undefined ? b.bytes - a.bytes : b.delta - a.delta));
  const head = baseline === undefined ? '  bytes/req  site' : '  added/req  bytes/req  site';
  return [
    head,
    ...rows
      .slice(0, top)
      .map((r) => (baseline === undefined ? `${r.bytes.toFixed(0).padStart(11)}  ${r.site}` : `${r.delta.toFixed(0).padStart(11)}  ${r.bytes.toFixed(0).padStart(9)}  ${r.site}`)),
  ];
}
