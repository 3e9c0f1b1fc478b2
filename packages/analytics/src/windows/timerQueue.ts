/**
 * A scheduled check: at watermark `time`, look at the window of `key` starting at `start`
 * (`kind: "window"`), or forget the session seal of `key` ending at `start` (`kind: "seal"`).
 *
 * @example
 * const timer: Timer = { time: 60_000, kind: "window", key: "u1", start: 0 };
 */
export interface Timer {
  readonly time: number;
  readonly kind: "window" | "seal";
  readonly key: string;
  readonly start: number;
}

/**
 * Min-heap of timers in a total order (time, kind, key, start), so windows due at the same
 * watermark always fire in the same order, whatever order they were scheduled in: a restored
 * operator then emits exactly what the original would have.
 *
 * @example
 * const q = new TimerQueue();
 * q.push({ time: 20, kind: "window", key: "b", start: 0 });
 * q.push({ time: 10, kind: "window", key: "a", start: 0 });
 * q.pop()?.key; // "a"
 */
export class TimerQueue {
  readonly #heap: Timer[] = [];

  /**
   * Schedules a timer.
   *
   * @example
   * new TimerQueue().push({ time: 10, kind: "window", key: "a", start: 0 });
   */
  push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareTimers(heap[parent]!, heap[i]!) <= 0) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /**
   * The earliest timer, left in the queue.
   *
   * @example
   * new TimerQueue().peek(); // undefined
   */
  peek(): Timer | undefined {
    return this.#heap[0];
  }

  /**
   * Removes and returns the earliest timer.
   *
   * @example
   * new TimerQueue().pop(); // undefined
   */
  pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || last === undefined) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && compareTimers(heap[left]!, heap[smallest]!) < 0) smallest = left;
      if (right < heap.length && compareTimers(heap[right]!, heap[smallest]!) < 0) smallest = right;
      if (smallest === i) break;
      [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
      i = smallest;
    }
    return top;
  }
}

function compareTimers(a: Timer, b: Timer): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.kind !== b.kind) return a.kind === "window" ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.start - b.start;
}
