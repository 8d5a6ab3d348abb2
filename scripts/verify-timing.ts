/**
 * The timing half of UniformLookupResponse's verification, run by hand rather than as a unit test (a
 * timed unit test on a shared machine is a flaky test):
 *
 *   npx ts-node scripts/verify-timing.ts [--samples 300]
 *
 * It serves, on 127.0.0.1, a password-reset route whose lookup takes 5 ms longer when the account exists,
 * once behind the uniform responder and once without it, plus a login route with and without the dummy-hash
 * verifier. The rank test must find the protected routes indistinguishable and detect both leaking ones.
 * Exit code 0 only when all four verdicts are the expected ones.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoginVerifier, type LoginVerifier } from '../src/core/uniform/login-verifier';
import { snapshotHeaders, writeUniformAnswer } from '../src/core/uniform/node-response-writer';
import { ScryptPasswordHasher } from '../src/core/uniform/scrypt-password-hasher';
import { UniformResponder } from '../src/core/uniform/uniform-responder';
import { DistinguishableError, expectIndistinguishable, formatTiming, type IndistinguishabilityReport, type ProbeRequest, type TimingComparison } from '../src/testing';

const LEAK_MS = 5;
const DEADLINE_MS = 25;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class NotFoundError extends Error {}

/** The lookup every route shares: an existing account costs a few more milliseconds (a join, a token). */
async function findAccount(email: unknown): Promise<{ email: string }> {
  if (email !== 'alice@example.test') throw new NotFoundError();
  await sleep(LEAK_MS);
  return { email };
}

function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      } catch {
        resolve({});
      }
    });
  });
}

async function startLab(verifier: LoginVerifier, aliceHash: string): Promise<http.Server> {
  const uniform = UniformResponder.create({ status: 202, body: { message: 'If an account exists, we sent a message.' }, deadlineMs: DEADLINE_MS });
  const deniedLogin = UniformResponder.create({ status: 401, body: { message: 'Invalid email or password.' }, deadlineMs: 1 }).options.answer;
  const server = http.createServer((req, res) => {
    void readJson(req).then(async (body) => {
      if (req.url === '/uniform/password-reset') {
        const exchange = uniform.open(); // the body has been read: the request is fully received
        const keep = snapshotHeaders(res);
        const result = await exchange.run(async () => {
          const account = await findAccount(body.email);
          exchange.defer(() => sleep(10)); // "send the email", after the answer
          return account;
        });
        if (result.kind === 'answer') writeUniformAnswer(res, result.answer, keep);
        exchange.sent();
      } else if (req.url === '/leaking/password-reset') {
        // Same bytes, but sent as soon as the lookup is done.
        await findAccount(body.email).catch(() => undefined);
        writeUniformAnswer(res, uniform.options.answer);
      } else if (req.url === '/login' || req.url === '/leaking/login') {
        const stored = body.email === 'alice@example.test' ? aliceHash : undefined;
        // The leaking login skips the hash when the account does not exist.
        const ok = stored === undefined && req.url === '/leaking/login' ? false : await verifier.verify(stored, body.password);
        if (ok) res.writeHead(200, { 'content-type': 'application/json' }).end('{"accessToken":"…"}');
        else writeUniformAnswer(res, deniedLogin);
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Verdict {
  readonly name: string;
  readonly expectDistinguishable: boolean;
  readonly report: IndistinguishabilityReport;
}

async function check(url: string, name: string, a: ProbeRequest, b: ProbeRequest, samples: number, expectDistinguishable: boolean, positiveControl: boolean): Promise<Verdict> {
  try {
    return { name, expectDistinguishable, report: await expectIndistinguishable(url, a, b, { samples, positiveControl }) };
  } catch (error: unknown) {
    if (error instanceof DistinguishableError) return { name, expectDistinguishable, report: error.report };
    throw error;
  }
}

function line(label: string, timing: TimingComparison | undefined, ok: boolean): string {
  return `${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(44)} ${timing === undefined ? '' : formatTiming(timing, ['exists', 'missing'])}`;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--samples');
  const samples = at > 0 ? Number(process.argv[at + 1]) : 300;
  const hasher = new ScryptPasswordHasher({ logN: 12 });
  const verifier = await createLoginVerifier({ hasher });
  const server = await startLab(verifier, await hasher.hash('correct horse'));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const reset = (path: string, email: string): ProbeRequest => ({ method: 'POST', path, body: { email } });
  const login = (path: string, email: string): ProbeRequest => ({ method: 'POST', path, body: { email, password: 'wrong guess' } });
  try {
    const verdicts = [
      await check(url, 'uniform password reset', reset('/uniform/password-reset', 'alice@example.test'), reset('/uniform/password-reset', 'nobody@example.test'), samples, false, true),
      await check(url, 'leaking password reset', reset('/leaking/password-reset', 'alice@example.test'), reset('/leaking/password-reset', 'nobody@example.test'), samples, true, false),
      await check(url, 'login with dummy hash', login('/login', 'alice@example.test'), login('/login', 'nobody@example.test'), samples, false, false),
      await check(url, 'leaking login', login('/leaking/login', 'alice@example.test'), login('/leaking/login', 'nobody@example.test'), samples, true, false),
    ];
    const control = verdicts[0]?.report.positiveControl;
    if (control !== undefined) console.log(line(`positive control (${LEAK_MS} ms)`, control, control.distinguishable));
    let failed = false;
    for (const v of verdicts) {
      const ok = v.report.distinguishable === v.expectDistinguishable && (v.expectDistinguishable || v.report.differences.length === 0);
      failed ||= !ok;
      console.log(line(`${v.name} (${v.expectDistinguishable ? 'must leak' : 'must not'})`, v.report.timing, ok));
      for (const d of v.report.differences) console.log(`       ${d}`);
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
