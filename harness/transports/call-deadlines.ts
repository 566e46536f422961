/**
 * Deadlines for in-process calls, kept by one timer per transport rather than one per call.
 * Setting and clearing a Node timer for every call cost a twentieth of a message (about 20 µs per
 * message on the 2-core machine, docs/performance.md); here a call costs a set entry, and the timer
 * is re-armed only when a call's deadline is earlier than the one it is armed for. The timer keeps
 * the process alive only while a call is in flight, as a per-call timer would.
 */

interface InFlight {
  due: number;
  reject: (error: Error) => void;
  timedOut: () => Error;
}

export class CallDeadlines {
  private readonly inFlight = new Set<InFlight>();
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;

  /** Settles as `pending` does, or rejects with `timedOut()` once `timeoutMs` have passed. */
  race<T>(pending: Promise<T>, timeoutMs: number, timedOut: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Plain fields, no closure per call: under tsx every named closure costs a defineProperty.
      const call: InFlight = { due: Date.now() + timeoutMs, reject, timedOut };
      this.inFlight.add(call);
      this.arm(call.due);
      pending.then(
        (value) => {
          this.settle(call);
          resolve(value);
        },
        (error: unknown) => {
          this.settle(call);
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

  private settle(call: InFlight): void {
    this.inFlight.delete(call);
    if (this.inFlight.size === 0) this.timer?.unref();
  }

  private expireDue(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const call of this.inFlight) {
      if (call.due <= now) {
        this.inFlight.delete(call);
        call.reject(call.timedOut());
      } else {
        next = Math.min(next, call.due);
      }
    }
    if (next !== Infinity) this.arm(next);
  }
}
