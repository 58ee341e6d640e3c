/**
 * Delays between restarts of a crashed service: 1 s, 2 s, 4 s ... up to 30 s, back to the first
 * step once the service has run for a minute (a crash a day is not a crash loop).
 */
export class Backoff {
  private step = 0;

  constructor(
    private readonly steps: readonly number[] = [1000, 2000, 4000, 8000, 16000, 30000],
    private readonly healthyAfterMs = 60_000,
  ) {}

  /** The delay before the next restart of a service that ran for `uptimeMs`. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.healthyAfterMs) this.step = 0;
    const delay = this.steps[Math.min(this.step, this.steps.length - 1)];
    this.step++;
    return delay;
  }
}
