import { AttackTally, type Attack, type AttackResult, type AttackTarget, type ScenarioResult } from './lib/attack-result';
import { AttackTokens } from './lib/attack-tokens';
import { LabClient } from './lib/lab-client';
import { labEvents } from './lib/lab-info';
import { runStandalone } from './lib/run-standalone';

const TARGET_ACCOUNT = 13_001;
const MINUTE = 60_000;

interface Call {
  readonly name: string;
  readonly token: string | undefined;
  /** What a protected lab must answer. */
  readonly expected: 200 | 401 | 403;
  readonly stepUp?: boolean;
  /** The legitimate control call: not part of the attack. */
  readonly control?: boolean;
}

/**
 * Twitter 2020: attackers who got into internal tools used an account-email change to take over famous
 * accounts. The tool is called with a customer's token, an admin token without a second factor, one whose
 * MFA was 30 minutes ago, and (control) a fresh-MFA admin token; every refusal must be a security event.
 */
export function adminStepUp(): Attack {
  const attack: Omit<Attack, 'run'> = {
    name: 'admin-stepup',
    incident: 'Twitter 2020',
    title: 'move an account to the attacker\'s email through the admin tool',
    bar: 'customer token: 403; admin without MFA or with stale MFA: 401 step-up challenge (insufficient_user_authentication); an event for each refusal; fresh MFA works',
    sourceAddress: '127.0.0.15',
  };

  async function run(target: AttackTarget): Promise<AttackResult> {
    const client = new LabClient(target.base, { localAddress: target.sourceAddress ?? attack.sourceAddress, maxSockets: 1 });
    const tokens = new AttackTokens();
    const tally = new AttackTally();
    const scenarios: ScenarioResult[] = [];
    const calls: Call[] = [
      { name: 'no token', token: undefined, expected: 401 },
      { name: 'customer token', token: tokens.customer(10_042), expected: 403 },
      { name: 'admin token, no second factor', token: tokens.admin({ mfa: false, authAgeMs: 0 }), expected: 401, stepUp: true },
      { name: 'admin token, MFA 30 minutes ago', token: tokens.admin({ mfa: true, authAgeMs: 30 * MINUTE }), expected: 401, stepUp: true },
      { name: 'control: admin token, fresh MFA', token: tokens.admin({ mfa: true, authAgeMs: 0 }), expected: 200, control: true },
    ];
    try {
      for (const [n, call] of calls.entries()) {
        const scenario = tally.scenario(call.name);
        const before = (await labEvents(target.base)).length;
        const res = await client.send({
          method: 'POST',
          path: `/api/admin/accounts/${TARGET_ACCOUNT}/email`,
          json: { email: `attacker-${n}@evil.test` },
          ...(call.token !== undefined ? { token: call.token } : {}),
        });
        const events = (await labEvents(target.base)).slice(before);
        const challenge = String(res.headers['www-authenticate'] ?? '');
        const challenged = challenge.includes('insufficient_user_authentication');
        scenario.add(res, res.status === 200 && call.control !== true);
        const eventNote = events.length > 0 ? `events: ${events.map((e) => e.type).join(', ')}` : 'no event';
        scenarios.push(
          scenario.result(`${res.status}${challenged ? ' with step-up challenge' : ''}; ${eventNote}`, {
            meetsBar: res.status === call.expected && (call.stepUp !== true || challenged) && (call.expected === 200 || events.length > 0),
            breached: res.status === 200 && call.control !== true,
          }),
        );
      }
    } finally {
      client.close();
    }
    return tally.finish(attack, target, scenarios, {
      summary: `${tally.recordsObtained} of 3 attack calls moved account ${TARGET_ACCOUNT} to an attacker's email`,
      breachReproduced: scenarios.filter((s) => s.breached).length >= 3,
    });
  }

  return { ...attack, run };
}

if (require.main === module) void runStandalone(adminStepUp());
