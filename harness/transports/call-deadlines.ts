/**
 * Deadlines for candidate calls, kept by one timer per transport rather than one per call.
 * Setting and clearing a Node timer for every call cost a twentieth of a message in process (about
 * 20 µs per message on the 2-core machine) and 3–4 µs of every shim round trip
 * (docs/performance.md); here a call costs a set entry, and the timer is re-armed only when a
 * call's deadline is earlier than the one it is armed for. The timer keeps the process alive only
 * while a call is in flight, as a per-call timer would.
 */

/** One call's deadline: `expire` runs once its time is up, unless it was settled before. */
export interface Deadline {
  readonly due: number;
  readonly expire: () => void;
}

export class CallDeadlines {
  private readonly inFlight = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;

  /** Starts a deadline `timeoutMs` from now; `expire` runs then unless `settle` came first. */
  start(timeoutMs: number, expire: () => void): Deadline {
    const deadline: Deadline = { due: Date.now() + timeoutMs, expire };
    this.inFlight.add(deadline);
    this.arm(deadline.due);
    return deadline;
  }

  /** The call answered (or failed) in time: its deadline no longer applies. */
  settle(deadline: Deadline): void {
    this.inFlight.delete(deadline);
    if (this.inFlight.size === 0) this.timer?.unref();
  }

  /** Settles as `pending` does, or rejects with `timedOut()` once `timeoutMs` have passed. */
  race<T>(pending: Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const deadline = this.start(timeoutMs, () => reject(timedOut()));
      pending.then(
        (value) => {
          this.settle(deadline);
          resolve(value);
        },
        (error: unknown) => {
          this.settle(deadline);
          reject(error);
        },
      );
    });
  }

  /** Stops the timer (the transport is closing). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private arm(due: number): void {
    if (this.timer && this.timerDue <= due) {
      this.timer.ref();
      return;
    }
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.expireDue(), Math.max(due - Date.now(), 0));
  }

  private expireDue(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const deadline of this.inFlight) {
      if (deadline.due <= now) {
        this.inFlight.delete(deadline);
        deadline.expire();
      } else {
        next = Math.min(next, deadline.due);
      }
    }
    if (next !== Infinity) this.arm(next);
  }
}
