/**
 * Micro-benchmark of RequireAuth's hot path, run by hand (not part of `npm test` nor `npm run bench`):
 *
 *   npx ts-node --transpile-only bench/micro/auth-hot-path.ts [--iterations 20000] [--rounds 5]
 *
 * CPU time per call (process.cpuUsage, user + system) of `Apiward.guard` for one valid HS256 / RS256
 * token on a route with `RequireAuth` + a `LeastPrivilege` scope, against a bare `jsonwebtoken.verify`
 * handed a prebuilt `KeyObject` (what the best-tuned peer does). The machine is shared and noisy, so
 * every case runs once per round, interleaved, and the report is the median of the per-round ratios.
 * Cases: `verified cache off` (every request verifies: the miss path), `verified cache on` (the same
 * token again: the hit path, what a client re-using its access token costs), and `distinct tokens`
 * with the cache off and on (a fresh token per call: with the cache, miss + insert + the garbage
 * collector's cost of keeping entries alive, the cache's worst case). On code without the
 * `jwt.verifiedCache` option the script measures the uncached guard alone, labelled `before`.
 */
import { createSecretKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { Apiward, type ApiwardOptions } from '../../src/core/apiward';
import type { RequestLike, RouteRef } from '../../src/core/request-like';
import type { RouteDeclaration } from '../../src/core/route-declaration';

const ISSUER = 'https://issuer.bench.test';
const AUDIENCE = 'bench-api';
const SCOPE = 'orders:read';
const ROUTE: RouteRef = { method: 'GET', path: '/orders/:id' };
const DECLARATION: RouteDeclaration = { requireAuth: {}, leastPrivilege: { allOf: [SCOPE], anyOf: [], stepUp: undefined } };

interface Algorithm {
  readonly name: 'HS256' | 'RS256';
  readonly signingKey: KeyObject;
  readonly verifyKey: KeyObject;
  readonly jwt: ApiwardOptions['auth']['jwt'];
}

function algorithms(): Algorithm[] {
  const secret = randomBytes(48);
  const hs = createSecretKey(secret);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return [
    { name: 'HS256', signingKey: hs, verifyKey: hs, jwt: { algorithms: ['HS256'], secret, issuer: ISSUER, audience: AUDIENCE } },
    {
      name: 'RS256',
      signingKey: rsa.privateKey,
      verifyKey: rsa.publicKey,
      jwt: { algorithms: ['RS256'], publicKey: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(), issuer: ISSUER, audience: AUDIENCE },
    },
  ];
}

let serial = 0;
function mint(alg: Algorithm): string {
  // A distinct `jti` per call makes every token a different string (the cache's worst case).
  return sign({ sub: 'user-1', scope: SCOPE, jti: `t${serial++}` }, alg.signingKey, { algorithm: alg.name, issuer: ISSUER, audience: AUDIENCE, expiresIn: 3_600 });
}

const request = (token: string): RequestLike => ({
  method: 'GET',
  url: '/orders/1',
  headers: { authorization: `Bearer ${token}` },
  rawHeaders: ['Authorization', `Bearer ${token}`],
  remoteAddress: '127.0.0.1',
});

/**
 * Builds the engine with `verifiedCache` when this version knows the option; `undefined` when it rejects
 * it as an unknown key (the code before the cache existed), so the same script measures before and after.
 */
function engine(alg: Algorithm, cache: boolean | undefined): Apiward | undefined {
  const jwt = cache === undefined ? alg.jwt : { ...alg.jwt, verifiedCache: cache ? {} : false };
  try {
    return Apiward.create({ auth: { jwt } as ApiwardOptions['auth'], onSecurityEvent: () => undefined });
  } catch (err: unknown) {
    if (err instanceof TypeError && cache !== undefined) return undefined;
    throw err;
  }
}

/** One measured case: `prepare(n)` builds its inputs (outside the clock) and returns the loop to time. */
interface Case {
  readonly name: string;
  readonly prepare: (n: number) => (n: number) => Promise<void> | void;
}

function cases(alg: Algorithm): Case[] {
  const token = mint(alg);
  const same = request(token);
  const verifyOptions = { algorithms: [alg.name], issuer: ISSUER, audience: AUDIENCE };
  const out: Case[] = [
    {
      name: 'jsonwebtoken.verify(KeyObject)',
      prepare: () => (n) => {
        for (let i = 0; i < n; i++) verify(token, alg.verifyKey, verifyOptions);
      },
    },
  ];
  const guardCase = (name: string, ward: Apiward | undefined, distinct: boolean): void => {
    if (ward === undefined) return;
    out.push({
      name,
      prepare: (count) => {
        // Distinct tokens are minted before the clock starts: signing is the client's cost, not ours.
        const reqs = distinct ? Array.from({ length: count }, () => request(mint(alg))) : undefined;
        return async (n) => {
          for (let i = 0; i < n; i++) await ward.guard(reqs === undefined ? same : reqs[i]!, ROUTE, DECLARATION);
        };
      },
    });
  };
  const off = engine(alg, false);
  guardCase(off === undefined ? 'guard (before: no cache)' : 'guard, verified cache off', off ?? engine(alg, undefined), false);
  guardCase('guard, verified cache on (same token)', engine(alg, true), false);
  guardCase(off === undefined ? 'guard (before), distinct tokens' : 'guard, verified cache off, distinct tokens', off ?? engine(alg, undefined), true);
  guardCase('guard, verified cache on, distinct tokens', engine(alg, true), true);
  return out;
}

/** CPU microseconds (user + system) per call of one case. */
async function measure(c: Case, n: number): Promise<number> {
  const loop = c.prepare(n);
  const start = process.cpuUsage();
  await loop(n);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const iterations = flag('--iterations', 20_000);
  const rounds = flag('--rounds', 5);
  console.log(`node ${process.version}, ${iterations} calls per case per round, ${rounds} rounds (median of per-round ratios)`);
  for (const alg of algorithms()) {
    const list = cases(alg);
    for (const c of list) await measure(c, Math.min(iterations, 2_000)); // warm-up: JIT, key caches
    const perCall = new Map<string, number[]>(list.map((c) => [c.name, []]));
    const ratios = new Map<string, number[]>(list.map((c) => [c.name, []]));
    for (let r = 0; r < rounds; r++) {
      const round = new Map<string, number>();
      for (const c of list) round.set(c.name, await measure(c, iterations));
      const base = round.get(list[0]!.name)!;
      for (const c of list) {
        perCall.get(c.name)!.push(round.get(c.name)!);
        ratios.get(c.name)!.push(round.get(c.name)! / base);
      }
    }
    console.log(`\n${alg.name}`);
    for (const c of list) {
      const us = median(perCall.get(c.name)!).toFixed(2).padStart(8);
      const ratio = median(ratios.get(c.name)!).toFixed(2).padStart(6);
      console.log(`  ${c.name.padEnd(46)} ${us} µs/call  x${ratio} of bare verify`);
    }
  }
}

void main();
