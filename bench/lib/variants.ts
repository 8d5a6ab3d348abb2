/** The variants, names fixed (other tools read them). Each runs alone in its own server process. */
export type Framework = 'nest-express' | 'nest-fastify' | 'express';

/** Which credential the load generator sends; `apikey` is created by the app itself and reported back. */
export type CredentialKind = 'hs256' | 'rs256' | 'apikey';

export interface VariantSpec {
  readonly name: string;
  readonly framework: Framework;
  /** The bare app of the same framework: this variant's ratio is to it, measured in the same round. */
  readonly baseline: string;
  readonly credential: CredentialKind;
  readonly description: string;
}

export const VARIANTS: readonly VariantSpec[] = [
  { name: 'nest-bare', framework: 'nest-express', baseline: 'nest-bare', credential: 'hs256', description: 'NestJS 11 on Express, no protection (token sent, never read)' },
  { name: 'nest-apiward-hs256', framework: 'nest-express', baseline: 'nest-bare', credential: 'hs256', description: 'RequireAuth HS256 + LeastPrivilege scope + AntiEnumeration (memory store)' },
  { name: 'nest-apiward-rs256', framework: 'nest-express', baseline: 'nest-bare', credential: 'rs256', description: 'as hs256, RS256 public key' },
  { name: 'nest-apiward-apikey', framework: 'nest-express', baseline: 'nest-bare', credential: 'apikey', description: 'as hs256, an API key instead of a JWT' },
  { name: 'nest-apiward-redis', framework: 'nest-express', baseline: 'nest-bare', credential: 'hs256', description: 'as hs256, AntiEnumeration on the Redis store (REDIS_URL)' },
  { name: 'nest-peer-hs256', framework: 'nest-express', baseline: 'nest-bare', credential: 'hs256', description: '@nestjs/throttler + @nestjs/passport/passport-jwt, secret as a string (their docs)' },
  { name: 'nest-peer-rs256', framework: 'nest-express', baseline: 'nest-bare', credential: 'rs256', description: 'as nest-peer-hs256, RS256 public key PEM string' },
  { name: 'nest-peer-hs256-keyobject', framework: 'nest-express', baseline: 'nest-bare', credential: 'hs256', description: 'as nest-peer-hs256, secret as a prebuilt KeyObject (their best case)' },
  { name: 'nest-bare-fastify', framework: 'nest-fastify', baseline: 'nest-bare-fastify', credential: 'hs256', description: 'NestJS 11 on Fastify, no protection' },
  { name: 'nest-apiward-fastify', framework: 'nest-fastify', baseline: 'nest-bare-fastify', credential: 'hs256', description: 'the hs256 stack on the Fastify platform' },
  { name: 'express-bare', framework: 'express', baseline: 'express-bare', credential: 'hs256', description: 'Express 5, no protection' },
  { name: 'express-apiward-hs256', framework: 'express', baseline: 'express-bare', credential: 'hs256', description: 'createApiward: RequireAuth HS256 + LeastPrivilege + AntiEnumeration (memory)' },
  { name: 'express-peer-hs256', framework: 'express', baseline: 'express-bare', credential: 'hs256', description: 'express-jwt + express-rate-limit, secret as a string' },
];

export const BASELINES: readonly string[] = [...new Set(VARIANTS.map((v) => v.baseline))];

/** The variants to run for `--variants a,b` (baselines added, list order kept); unknown names throw. */
export function selectVariants(names: readonly string[] | undefined): VariantSpec[] {
  if (names === undefined) return [...VARIANTS];
  for (const n of names) {
    if (!VARIANTS.some((v) => v.name === n)) throw new TypeError(`unknown variant ${n}; known: ${VARIANTS.map((v) => v.name).join(', ')}`);
  }
  const wanted = new Set(names);
  for (const v of VARIANTS) if (wanted.has(v.name)) wanted.add(v.baseline);
  return VARIANTS.filter((v) => wanted.has(v.name));
}

/** Round r measures every variant in turn, starting one further along each round (no fixed position). */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const k = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
