import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { AttackTokens } from './lib/attack-tokens';
import { FIRST_ID, customerRecord } from './lib/customer-records';
import { LabClient } from './lib/lab-client';
import { runStandalone } from './lib/run-standalone';

export interface ShadowApisOptions {
  /** Ids read through the legacy route, per caller. @default 50 */
  readonly legacyReads?: number;
}

/** The routes the lab serves, as its contract lists them. */
export const LAB_ROUTES: readonly string[] = [
  'GET /health',
  'GET /api/customers/:id',
  'GET /api/v1/customers/:id',
  'GET /api/users/lookup',
  'GET /api/profiles/search',
  'POST /api/password-reset',
  'POST /api/password-reset/confirm',
  'POST /api/admin/accounts/:id/email',
  'POST /api/login',
  'GET /_lab/outbox',
  'GET /_lab/inventory',
  'GET /_lab/events',
];
const LEGACY_ROUTE = 'GET /api/v1/customers/:id';

/** What a path and version fuzzer tries: old and future versions, internal and debug paths. */
function fuzzPaths(): string[] {
  const resources = [`customers/${FIRST_ID}`, 'users/lookup?email=c10001%40breach-lab.test', 'profiles/search?email=c10001%40breach-lab.test'];
  const versions = ['v0', 'v1', 'v2', 'v3', 'beta', 'internal', 'legacy', 'private'];
  const paths = versions.flatMap((version) => resources.map((resource) => `/api/${version}/${resource}`));
  const extras = ['/api/debug', '/api/admin', '/api/customers/export', '/api/swagger.json', '/api/openapi.json', '/api/graphql', '/actuator/env', '/.env', '/api/v1/admin/accounts', '/api/health/full', '/internal/customers', '/api/staging/customers/10001'];
  return [...paths, ...extras];
}

/**
 * T-Mobile and the shadow APIs: an old version still deployed, found by fuzzing paths and versions. The
 * attacker walks the legacy route with and without tokens and fuzzes for more; the inventory shows what the
 * defenders can see.
 */
export function shadowApis(options: ShadowApisOptions = {}): Attack {
  const legacyReads = options.legacyReads ?? 50;
  const paths = fuzzPaths();
  const attack: Omit<Attack, 'run'> = {
    name: 'shadow-apis',
    incident: 'T-Mobile',
    title: `read the forgotten /api/v1 route and fuzz ${paths.length} paths and versions`,
    bar: 'legacy route closed to every caller; fuzzing throttled (429); every route in the inventory, the legacy one declared: false, all others declared',
    sourceAddress: '127.0.0.16',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const client = new LabClient(target.base, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: 1 });
    const lab = new LabClient(target.base);
    const tokens = new AttackTokens();
    const tally = new AttackTally();
    const scenarios: ScenarioResult[] = [];
    try {
      const legacy = tally.scenario(`legacy /api/v1/customers/:id, ${legacyReads} ids each: no token, customer, support`);
      for (const token of [undefined, tokens.customer(FIRST_ID + 10), tokens.support('support-legacy')]) {
        for (let id = FIRST_ID; id < FIRST_ID + legacyReads; id += 1) {
          const res = await client.send({ path: `/api/v1/customers/${id}`, ...(token !== undefined ? { token } : {}) });
          legacy.add(res, customerRecord(res) !== undefined);
        }
      }
      scenarios.push(
        legacy.result(`${legacy.recordsObtained} records`, { meetsBar: legacy.recordsObtained === 0 && legacy.count(200) === 0, breached: legacy.recordsObtained > 0 }),
      );

      const fuzz = tally.scenario(`fuzz ${paths.length} paths and versions`);
      const found: string[] = [];
      for (const path of paths) {
        const res = await client.send({ path });
        const record = customerRecord(res);
        if (res.status >= 200 && res.status < 300) found.push(path);
        fuzz.add(res, record !== undefined);
      }
      scenarios.push(
        fuzz.result(`${found.length} live routes found${found.length > 0 ? ` (${found.slice(0, 3).join(', ')})` : ''}; ${fuzz.count(429)} x 429`, {
          meetsBar: fuzz.count(429) > 0 && fuzz.recordsObtained === 0,
          breached: found.length > 0,
        }),
      );

      const inventory = tally.scenario('route inventory (/_lab/inventory)');
      const entries = await lab.getJson('/_lab/inventory');
      const listed = new Map<string, boolean>();
      if (Array.isArray(entries)) {
        for (const entry of entries as { method?: unknown; path?: unknown; declared?: unknown }[]) {
          if (typeof entry.method === 'string' && typeof entry.path === 'string') listed.set(`${entry.method} ${entry.path}`, entry.declared === true);
        }
      }
      const missing = LAB_ROUTES.filter((route) => !listed.has(route));
      const undeclared = LAB_ROUTES.filter((route) => listed.get(route) === false);
      const legacyUndeclaredOnly = undeclared.length === 1 && undeclared[0] === LEGACY_ROUTE;
      scenarios.push(
        inventory.result(`${listed.size} routes listed, ${missing.length} missing; undeclared: ${undeclared.length === LAB_ROUTES.length ? 'all' : undeclared.join(', ') || 'none'}`, {
          meetsBar: missing.length === 0 && legacyUndeclaredOnly,
          breached: false,
        }),
      );
    } finally {
      client.close();
      lab.close();
    }
    return tally.finish(attack, target, scenarios, {
      summary: `${tally.recordsObtained} records through routes nobody guarded`,
    });
  }

  return { ...attack, run };
}

if (require.main === module) void runStandalone(shadowApis());
