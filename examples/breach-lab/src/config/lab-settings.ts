/**
 * Every number the lab's protected mode runs with: budgets, deadlines and the simulated latencies that
 * make the unprotected build leak the way real ones do. Each has a documented default and a `LAB_*`
 * override, so the demo can stay quick while a reader can replay an attack at full scale.
 */
export interface LabSettings {
  /** Customer reads (Optus): distinct customer ids one principal may read per window. */
  readonly customerDistinct: number;
  /** Customer reads: adjacent ids in a walk (either direction) before the walker is stopped. */
  readonly customerConsecutive: number;
  /** Customer reads: misses (404, ownership denials) per principal per window. */
  readonly customerMisses: number;
  /** Window shared by the customer-read budgets. */
  readonly customerWindowMs: number;
  /** Account lookup (Twitter 2021): distinct emails/phones one client may probe per window. */
  readonly lookupDistinct: number;
  /** Account lookup: requests per client per window. */
  readonly lookupRequests: number;
  readonly lookupWindowMs: number;
  /** Account lookup: the uniform answer leaves at this deadline after the request was received. */
  readonly lookupDeadlineMs: number;
  /** Profile search (Duolingo): distinct emails one principal may search per hour. */
  readonly profileDistinctPerHour: number;
  /** Profile search: distinct emails per day (the patient scraper). */
  readonly profileDistinctPerDay: number;
  /** Reset request (Honda): messages per target address per window, from all clients together. */
  readonly resetPerTarget: number;
  /** Reset request: distinct addresses one client may target per window. */
  readonly resetDistinct: number;
  readonly resetWindowMs: number;
  /** Reset request: the uniform answer's deadline. */
  readonly resetDeadlineMs: number;
  /** Reset confirm: refused proofs (wrong, used or expired tokens) per client per reset window. */
  readonly resetConfirmMisses: number;
  /** Reset tokens expire this long after they are mailed. */
  readonly resetTokenTtlMs: number;
  /** Login: failed attempts per client per window. */
  readonly loginMissesPerClient: number;
  /** Login: attempts per target account from all clients together (well above the per-client budget). */
  readonly loginPerTarget: number;
  readonly loginWindowMs: number;
  /** Progressive delay of a client close to a budget's limit, at its longest (just before the 429). */
  readonly enumerationMaxDelayMs: number;
  /** Unknown-route probing (shadow APIs): 404s on unmatched routes per client per window. */
  readonly unknownRoutes: number;
  readonly unknownRouteWindowMs: number;
  /** Simulated latency of loading a profile row after an index hit (what makes a lookup's timing leak). */
  readonly profileLoadMs: number;
  /** Simulated latency of handing a message to the mail server (what makes a reset's timing leak). */
  readonly mailLatencyMs: number;
  /** scrypt cost parameter N for stored password hashes. */
  readonly scryptCost: number;
  /** Security events kept for `/_lab/events` (oldest dropped first). */
  readonly maxEvents: number;
}

interface SettingSpec {
  readonly env: string;
  readonly defaultValue: number;
  readonly min: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The documented defaults and the variable that overrides each (see examples/breach-lab/README.md). */
export const LAB_SETTING_SPECS: { readonly [K in keyof LabSettings]: SettingSpec } = {
  customerDistinct: { env: 'LAB_CUSTOMER_DISTINCT', defaultValue: 10, min: 1 },
  customerConsecutive: { env: 'LAB_CUSTOMER_CONSECUTIVE', defaultValue: 5, min: 2 },
  customerMisses: { env: 'LAB_CUSTOMER_MISSES', defaultValue: 5, min: 1 },
  customerWindowMs: { env: 'LAB_CUSTOMER_WINDOW_MS', defaultValue: 10 * MINUTE, min: 1_000 },
  lookupDistinct: { env: 'LAB_LOOKUP_DISTINCT', defaultValue: 10, min: 1 },
  lookupRequests: { env: 'LAB_LOOKUP_REQUESTS', defaultValue: 60, min: 1 },
  lookupWindowMs: { env: 'LAB_LOOKUP_WINDOW_MS', defaultValue: 10 * MINUTE, min: 1_000 },
  lookupDeadlineMs: { env: 'LAB_LOOKUP_DEADLINE_MS', defaultValue: 50, min: 1 },
  profileDistinctPerHour: { env: 'LAB_PROFILE_DISTINCT_HOUR', defaultValue: 10, min: 1 },
  profileDistinctPerDay: { env: 'LAB_PROFILE_DISTINCT_DAY', defaultValue: 50, min: 1 },
  resetPerTarget: { env: 'LAB_RESET_PER_TARGET', defaultValue: 3, min: 1 },
  resetDistinct: { env: 'LAB_RESET_DISTINCT', defaultValue: 10, min: 1 },
  resetWindowMs: { env: 'LAB_RESET_WINDOW_MS', defaultValue: HOUR, min: 1_000 },
  resetDeadlineMs: { env: 'LAB_RESET_DEADLINE_MS', defaultValue: 100, min: 1 },
  resetConfirmMisses: { env: 'LAB_RESET_CONFIRM_MISSES', defaultValue: 10, min: 1 },
  resetTokenTtlMs: { env: 'LAB_RESET_TOKEN_TTL_MS', defaultValue: 15 * MINUTE, min: 1_000 },
  loginMissesPerClient: { env: 'LAB_LOGIN_MISSES', defaultValue: 5, min: 1 },
  loginPerTarget: { env: 'LAB_LOGIN_PER_TARGET', defaultValue: 20, min: 1 },
  loginWindowMs: { env: 'LAB_LOGIN_WINDOW_MS', defaultValue: 15 * MINUTE, min: 1_000 },
  enumerationMaxDelayMs: { env: 'LAB_ENUM_MAX_DELAY_MS', defaultValue: 500, min: 1 },
  unknownRoutes: { env: 'LAB_UNKNOWN_ROUTES', defaultValue: 20, min: 1 },
  unknownRouteWindowMs: { env: 'LAB_UNKNOWN_ROUTE_WINDOW_MS', defaultValue: 10 * MINUTE, min: 1_000 },
  profileLoadMs: { env: 'LAB_PROFILE_LOAD_MS', defaultValue: 3, min: 0 },
  mailLatencyMs: { env: 'LAB_MAIL_LATENCY_MS', defaultValue: 30, min: 0 },
  scryptCost: { env: 'LAB_SCRYPT_COST', defaultValue: 16_384, min: 2 },
  maxEvents: { env: 'LAB_MAX_EVENTS', defaultValue: 10_000, min: 1 },
};

/** Reads every setting from the environment, falling back to its default. A malformed value is a start-up error. */
export function resolveLabSettings(env: NodeJS.ProcessEnv, overrides: Partial<LabSettings> = {}): LabSettings {
  const entries = Object.entries(LAB_SETTING_SPECS).map(([key, spec]) => {
    const override = overrides[key as keyof LabSettings];
    return [key, override ?? readInteger(env, spec)] as const;
  });
  const settings = Object.fromEntries(entries) as unknown as LabSettings;
  if (!Number.isInteger(Math.log2(settings.scryptCost))) {
    throw new TypeError('LAB_SCRYPT_COST must be a power of two');
  }
  return settings;
}

function readInteger(env: NodeJS.ProcessEnv, spec: SettingSpec): number {
  const raw = env[spec.env];
  if (raw === undefined || raw === '') return spec.defaultValue;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < spec.min || !Number.isSafeInteger(Number(raw))) {
    throw new TypeError(`${spec.env} must be an integer >= ${spec.min}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}
