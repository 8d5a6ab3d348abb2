import { resolveLabConfig, type LabMode } from '../../../examples/breach-lab/src/config/lab-config';
import { startLab, type RunningLab } from '../../../examples/breach-lab/src/start-lab';
import { LabClient, jsonObject, type LabResponse } from '../../../examples/breach-lab/attacks/lib/lab-client';

/**
 * The lab in-process on 127.0.0.1:0, quiet, with a cheap scrypt cost (the tests log in often; the cost
 * is the same for every account, which is what matters for uniform logins).
 */
export function startTestLab(mode: LabMode, env: Record<string, string> = {}): Promise<RunningLab> {
  const config = resolveLabConfig(['--mode', mode, '--port', '0'], { LAB_SCRYPT_COST: '1024', ...env });
  return startLab(config, false);
}

let nextAddress = 100;

/** A client from its own loopback address (127.0.0.100+), so each test is its own attacker. */
export function freshClient(lab: RunningLab): LabClient {
  nextAddress = nextAddress >= 250 ? 100 : nextAddress + 1;
  return new LabClient(lab.url, { localAddress: `127.0.0.${nextAddress}`, maxSockets: 4 });
}

export function bodyOf(res: LabResponse): Record<string, unknown> {
  const body = jsonObject(res);
  if (body === undefined) throw new Error(`not a JSON object: ${res.body.toString('utf8')}`);
  return body;
}

/** Status, headers (minus Date) and bytes: what "answers exactly alike" compares. */
export function wire(res: LabResponse): { status: number; headers: Record<string, unknown>; body: string } {
  const { date: _date, ...headers } = res.headers;
  return { status: res.status, headers, body: res.body.toString('utf8') };
}

/**
 * A protected lab for one describe block (started in beforeAll, closed in afterAll), and fresh clients
 * from their own loopback addresses, closed with it.
 */
export function withProtectedLab(env: Record<string, string> = {}): { lab: () => RunningLab; client: () => LabClient } {
  let lab: RunningLab | undefined;
  const clients: LabClient[] = [];
  beforeAll(async () => {
    lab = await startTestLab('protected', env);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await lab?.close();
  });
  return {
    lab: () => lab as RunningLab,
    client: () => {
      const client = freshClient(lab as RunningLab);
      clients.push(client);
      return client;
    },
  };
}
