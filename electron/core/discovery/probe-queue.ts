/**
 * Runs at most `concurrency` jobs at once. Urgent jobs (a name mDNS just announced, an address
 * the user typed) jump ahead of the sweep's long tail. Once the signal aborts, queued jobs are
 * dropped and `idle()` resolves when the running ones have returned.
 */
export class ProbeQueue {
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.drop(), { once: true });
  }

  push(job: () => Promise<void>, urgent = false): void {
    if (this.signal.aborted) {
      return;
    }
    if (urgent) {
      this.waiting.unshift(job);
    } else {
      this.waiting.push(job);
    }
    this.pump();
  }

  /** Moves a job still waiting to the front (an address the sweep queued that mDNS just named). */
  promote(job: () => Promise<void>): void {
    const index = this.waiting.indexOf(job);
    if (index > 0) {
      this.waiting.splice(index, 1);
      this.waiting.unshift(job);
    }
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.waiting.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drop(): void {
    this.waiting.length = 0;
    this.settleIfIdle();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift();
      if (job === undefined) {
        break;
      }
      this.running += 1;
      // Jobs never reject (the service catches); `finally` keeps the count right regardless.
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.pump();
          this.settleIfIdle();
        });
    }
  }

  private settleIfIdle(): void {
    if (this.running === 0 && this.waiting.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }
}
