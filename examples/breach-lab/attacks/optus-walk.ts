import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { answerViews } from './lib/answer-signature';
import { AttackTokens } from './lib/attack-tokens';
import { FIRST_ID, HANDFUL, MISSING_ID, customerRecord, hasSensitiveField } from './lib/customer-records';
import { LabClient, mapLimit } from './lib/lab-client';
import { runStandalone } from './lib/run-standalone';

export interface OptusWalkOptions {
  /** Consecutive ids to walk, from 10001. @default 2000 */
  readonly count?: number;
  /** The customer whose own token walks (their own record is inside the walk). @default 10005 */
  readonly customerId?: number;
  readonly concurrency?: number;
}

/**
 * Optus 2022: a script walks `GET /api/customers/10001, 10002, …` and keeps every record. Three walkers:
 * nobody (no token), a customer with their own valid token, and a support agent whose token may read any
 * customer. Plus the BOLA check: a record that is not yours must answer exactly like one that does not exist.
 */
export function optusWalk(options: OptusWalkOptions = {}): Attack {
  const count = options.count ?? 2_000;
  const customerId = options.customerId ?? FIRST_ID + 4;
  const attack: Omit<Attack, 'run'> = {
    name: 'optus-walk',
    incident: 'Optus 2022',
    title: `walk ${count} consecutive customer ids`,
    bar: `no token: 0 records (401); customer token: only its own record, others answered like missing ids; support token: at most ${HANDFUL} records, then 429`,
    sourceAddress: '127.0.0.11',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const client = new LabClient(target.base, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: options.concurrency ?? 8 });
    const tokens = new AttackTokens();
    const tally = new AttackTally();
    const ids = Array.from({ length: count }, (_, i) => FIRST_ID + i);
    const scenarios: ScenarioResult[] = [];
    try {
      const walk = async (name: string, token: string | undefined) => {
        const scenario = tally.scenario(name);
        const records: Record<string, unknown>[] = [];
        await mapLimit(ids, options.concurrency ?? 8, async (id) => {
          const res = await client.send({ path: `/api/customers/${id}`, ...(token !== undefined ? { token } : {}) });
          const record = customerRecord(res);
          if (record !== undefined) records.push(record);
          scenario.add(res, record !== undefined);
        });
        return { scenario, records };
      };

      const anonymous = await walk('no token', undefined);
      scenarios.push(
        anonymous.scenario.result(`${anonymous.records.length} records, ${anonymous.records.filter(hasSensitiveField).length} with identity documents`, {
          meetsBar: anonymous.records.length === 0 && anonymous.scenario.count(401) === count,
          breached: anonymous.records.length === count,
        }),
      );

      const customerToken = tokens.customer(customerId);
      const bola = tally.scenario(`not-yours vs missing (customer ${customerId})`);
      const notYours = await client.send({ path: `/api/customers/${customerId + 1}`, token: customerToken });
      const missing = await client.send({ path: `/api/customers/${MISSING_ID}`, token: customerToken });
      bola.add(notYours, customerRecord(notYours) !== undefined);
      bola.add(missing, false);
      const identical = answerViews(notYours).full === answerViews(missing).full;
      scenarios.push(
        bola.result(identical ? `both answered ${notYours.status}, byte-identical` : `not-yours answered ${notYours.status}, missing answered ${missing.status}`, {
          meetsBar: identical && customerRecord(notYours) === undefined,
          breached: customerRecord(notYours) !== undefined,
        }),
      );

      const customer = await walk(`customer token (customer ${customerId})`, customerToken);
      const others = customer.records.filter((record) => record.id !== customerId).length;
      scenarios.push(
        customer.scenario.result(`${customer.records.length} records, ${others} belonging to other customers`, {
          meetsBar: others === 0,
          breached: others > 0,
        }),
      );

      const support = await walk('support token (customers:read:any)', tokens.support());
      scenarios.push(
        support.scenario.result(`${support.records.length} records, then ${support.scenario.count(429)} x 429`, {
          meetsBar: support.records.length <= HANDFUL && support.scenario.count(429) > 0,
          breached: support.records.length > HANDFUL,
        }),
      );
    } finally {
      client.close();
    }
    const records = scenarios.reduce((sum, s) => sum + s.recordsObtained, 0);
    return tally.finish(attack, target, scenarios, {
      summary: `${records} customer records from ${tally.requestsSent} requests`,
      breachReproduced: scenarios.every((s) => s.breached),
    });
  }

  return { ...attack, run };
}

if (require.main === module) void runStandalone(optusWalk());
