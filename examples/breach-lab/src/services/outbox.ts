import { Inject, Injectable } from '@nestjs/common';
import type { LabConfig } from '../config/lab-config';
import { simulatedLatency } from '../data/simulated-latency';
import { LAB_CONFIG } from '../lab-tokens';

/** One simulated email, as `/_lab/outbox` shows it. */
export interface OutboxMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly token: string;
}

const MAX_MESSAGES = 10_000;

/** The lab's mail server: messages land here instead of leaving the machine. */
@Injectable()
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly latencyMs: number;

  constructor(@Inject(LAB_CONFIG) config: LabConfig) {
    this.latencyMs = config.settings.mailLatencyMs;
  }

  /** Hands a message to the "mail server", which takes as long as a real one would. */
  async send(message: OutboxMessage): Promise<void> {
    await simulatedLatency(this.latencyMs);
    this.messages.push(message);
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
  }

  list(to: string | undefined): OutboxMessage[] {
    const wanted = to?.toLowerCase();
    return this.messages.filter((message) => wanted === undefined || message.to === wanted);
  }
}
