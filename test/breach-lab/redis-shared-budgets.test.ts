import { AttackTokens } from '../../examples/breach-lab/attacks/lib/attack-tokens';
import { LabClient } from '../../examples/breach-lab/attacks/lib/lab-client';
import type { RunningLab } from '../../examples/breach-lab/src/start-lab';
import { announceSkip, deletePrefix, REDIS_URL, redisAvailable, uniquePrefix } from '../support/redis-harness';
import { startTestLab } from './support/test-lab';

/** `LAB_STORE=redis`: several lab processes (here two apps) count one set of budgets. */
describe('breach lab with LAB_STORE=redis', () => {
  let available = false;
  const prefix = uniquePrefix('breach-lab');
  const labs: RunningLab[] = [];

  beforeAll(async () => {
    available = await redisAvailable();
    if (!available) {
      announceSkip('breach lab with LAB_STORE=redis');
      return;
    }
    const env = { LAB_STORE: 'redis', LAB_REDIS_URL: REDIS_URL, LAB_REDIS_PREFIX: prefix, LAB_CUSTOMER_DISTINCT: '6' };
    labs.push(await startTestLab('protected', env), await startTestLab('protected', env));
  });

  afterAll(async () => {
    await Promise.all(labs.map((lab) => lab.close()));
    if (available) await deletePrefix(REDIS_URL, prefix);
  });

  it('a support agent reading distinct customers on two instances spends one budget', async () => {
    if (!available) return;
    const token = new AttackTokens().support(`support-redis-${process.pid}`);
    const [a, b] = labs.map((lab) => new LabClient(lab.url, { localAddress: '127.0.0.71' })) as [LabClient, LabClient];
    try {
      // Ids 10 apart: distinct, never a consecutive walk. Four on each instance, six allowed in all.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const client = i % 2 === 0 ? a : b;
        statuses.push((await client.send({ path: `/api/customers/${10_001 + i * 10}`, token })).status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.slice(6)).toEqual([429, 429]);
    } finally {
      a.close();
      b.close();
    }
  });
});
