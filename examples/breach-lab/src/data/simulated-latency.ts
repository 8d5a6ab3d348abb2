import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits like a database or mail server would. The lab's leaks are real leaks: an index hit is followed
 * by a row load and a reset mail goes to a mail server, so a hit takes longer than a miss, as it does in
 * production, and the unprotected build's timing tells an attacker which accounts exist.
 */
export async function simulatedLatency(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}
