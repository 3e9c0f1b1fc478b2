/**
 * Runs async tasks one at a time in the order they were queued, so the flushes and checkpoint
 * writes of one stream never overlap. A failed task rejects its own promise only.
 *
 * @example
 * const queue = new SerialQueue();
 * await Promise.all([queue.run(() => write("a")), queue.run(() => write("b"))]); // a, then b
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its outcome. @example await queue.run(flush); */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }
}
