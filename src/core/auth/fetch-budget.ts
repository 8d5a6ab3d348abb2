const WINDOW_MS = 60_000;

/**
 * At most `perMinute` fetches in any sliding minute, decided synchronously: a caller over budget is refused
 * at once. (jwks-rsa's own limiter counts a token only a tick after granting it and parks callers beyond
 * the bucket in timers, so a burst of concurrent random `kid`s would hang requests for minutes instead of
 * being refused.) Memory is bounded by `perMinute` timestamps.
 */
export class FetchBudget {
  private readonly stamps: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Spends one fetch if the last minute leaves room; false otherwise. */
  tryTake(): boolean {
    const now = this.now();
    while (this.stamps.length > 0 && this.stamps[0]! <= now - WINDOW_MS) this.stamps.shift();
    if (this.stamps.length >= this.perMinute) return false;
    this.stamps.push(now);
    return true;
  }
}
