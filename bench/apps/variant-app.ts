import type { BenchSecrets } from '../lib/bench-secrets';

/** The one route every variant serves: a GET returning a small JSON object. */
export const ITEM_PATH = '/bench/items/42';

export interface ItemPayload {
  readonly id: string;
  readonly name: string;
  readonly ok: true;
}

export function itemPayload(id: string): ItemPayload {
  return { id, name: 'widget', ok: true };
}

/** A variant app listening on 127.0.0.1. */
export interface StartedApp {
  readonly port: number;
  /** Headers the load generator must send instead of the harness's token (API keys the app created). */
  readonly headers?: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

/** Thrown while building an app whose protection has not landed yet: the variant is reported `skipped`. */
export class SkipVariant extends Error {
  override readonly name = 'SkipVariant';
}

export type AppFactory = (secrets: BenchSecrets) => Promise<StartedApp>;

/**
 * High enough that the bench never meets a 429: the bench measures the cost of counting, not a refusal.
 * One client sends everything, so a per-client budget must exceed a full run's request count.
 */
export const NEVER_REACHED_LIMIT = 1_000_000_000;
