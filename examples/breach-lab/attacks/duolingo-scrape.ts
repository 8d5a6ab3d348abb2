import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { AttackTokens } from './lib/attack-tokens';
import { HANDFUL, customerRecord, hasSensitiveField } from './lib/customer-records';
import { LabClient, mapLimit } from './lib/lab-client';
import { runStandalone } from './lib/run-standalone';

export interface DuolingoScrapeOptions {
  /** Emails searched with the one token. @default 500 */
  readonly searches?: number;
  readonly concurrency?: number;
}

/** The scraper's own account: one ordinary customer login. */
const SCRAPER_ID = 10_777;
const ANONYMOUS_SEARCHES = 20;

/**
 * Duolingo 2023: a profile-search API answered lookups by email, and a scraper with one account (or none)
 * collected millions of profiles. Here: search a list of real customers' emails without a token, then
 * with one ordinary customer token.
 */
export function duolingoScrape(options: DuolingoScrapeOptions = {}): Attack {
  const searches = options.searches ?? 500;
  const attack: Omit<Attack, 'run'> = {
    name: 'duolingo-scrape',
    incident: 'Duolingo 2023',
    title: `scrape ${searches} profiles by email with one token`,
    bar: `no token: 0 profiles (401); one token: at most ${HANDFUL} profiles, then 429, and no identity-document field in any`,
    sourceAddress: '127.0.0.13',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const client = new LabClient(target.base, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: options.concurrency ?? 8 });
    const tally = new AttackTally();
    const scenarios: ScenarioResult[] = [];
    const emails = Array.from({ length: searches }, (_, k) => `c${12_001 + ((k * 7) % 1_000)}@breach-lab.test`);
    const scrape = async (name: string, list: readonly string[], token: string | undefined) => {
      const scenario = tally.scenario(name);
      let sensitive = 0;
      await mapLimit(list, options.concurrency ?? 8, async (email) => {
        const res = await client.send({ path: `/api/profiles/search?email=${encodeURIComponent(email)}`, ...(token !== undefined ? { token } : {}) });
        const record = customerRecord(res);
        if (hasSensitiveField(record)) sensitive += 1;
        scenario.add(res, record !== undefined);
      });
      return { scenario, sensitive };
    };
    try {
      const anonymous = await scrape('no token', emails.slice(0, ANONYMOUS_SEARCHES), undefined);
      scenarios.push(
        anonymous.scenario.result(`${anonymous.scenario.recordsObtained} profiles, ${anonymous.sensitive} with identity documents`, {
          meetsBar: anonymous.scenario.recordsObtained === 0 && anonymous.scenario.count(401) === ANONYMOUS_SEARCHES,
          breached: anonymous.scenario.recordsObtained > 0,
        }),
      );
      const withToken = await scrape(`one customer token (customer ${SCRAPER_ID})`, emails, new AttackTokens().customer(SCRAPER_ID));
      const profiles = withToken.scenario.recordsObtained;
      scenarios.push(
        withToken.scenario.result(`${profiles} profiles (${withToken.sensitive} with identity documents), then ${withToken.scenario.count(429)} x 429`, {
          meetsBar: profiles <= HANDFUL && withToken.scenario.count(429) > 0 && withToken.sensitive === 0,
          breached: profiles > HANDFUL,
        }),
      );
    } finally {
      client.close();
    }
    return tally.finish(attack, target, scenarios, {
      summary: `${tally.recordsObtained} profiles from ${tally.requestsSent} requests`,
    });
  }

  return { ...attack, run };
}

if (require.main === module) void runStandalone(duolingoScrape());
