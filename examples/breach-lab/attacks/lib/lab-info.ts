import type { LabMode } from './attack-result';
import { LabClient } from './lab-client';

export interface LabInfo {
  readonly mode: LabMode;
  readonly antiEnumeration: boolean;
}

/** Asks the lab which build it is (`GET /health`), so a script run alone knows which bar applies. */
export async function labInfo(base: string): Promise<LabInfo> {
  const client = new LabClient(base);
  try {
    const health = await client.getJson('/health');
    const record = typeof health === 'object' && health !== null ? (health as Record<string, unknown>) : {};
    const mode = record.mode === 'unprotected' ? 'unprotected' : 'protected';
    return { mode, antiEnumeration: record.antiEnumeration !== 'off' };
  } finally {
    client.close();
  }
}

/** The security events the lab recorded so far (`GET /_lab/events`), from the lab's own address. */
export async function labEvents(base: string): Promise<{ type: string }[]> {
  const client = new LabClient(base);
  try {
    const events = await client.getJson('/_lab/events');
    return Array.isArray(events) ? events.filter((e): e is { type: string } => typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string') : [];
  } finally {
    client.close();
  }
}
