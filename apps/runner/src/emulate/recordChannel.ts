/**
 * A bounded async queue between a producer that pushes records and one consumer that iterates
 * them (here: a Kafka Connect layout writer). `push` waits while the queue is full, so a slow sink
 * slows the producer instead of filling memory; once the consumer fails, `fail` makes every
 * waiting and later `push` reject with its error instead of waiting forever.
 *
 * @example
 * const channel = new RecordChannel<object>(100);
 * const writing = writeKafkaConnectLayout(dir, "demo", "pin", channel, options).catch((e) => channel.fail(e));
 * await channel.push({ index: 1 });
 * channel.end();
 * await writing;
 */
export class RecordChannel<T> implements AsyncIterable<T> {
  private readonly queue: T[] = [];
  private ended = false;
  private failure: { readonly error: unknown } | undefined;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducers: (() => void)[] = [];

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Queues a record, waiting while the queue is full. @example await channel.push(record); */
  async push(item: T): Promise<void> {
    while (this.failure === undefined && this.queue.length >= this.capacity) {
      await new Promise<void>((resolve) => this.wakeProducers.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure.error;
    if (this.ended) throw new Error("push after end");
    this.queue.push(item);
    this.wake();
  }

  /** No more records: the consumer's iteration ends once the queue is drained. @example channel.end(); */
  end(): void {
    this.ended = true;
    this.wake();
  }

  /** The consumer failed: pushes reject with `error` from now on. @example channel.fail(error); */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    this.wakeConsumer?.();
    this.wakeConsumer = undefined;
    const producers = this.wakeProducers;
    this.wakeProducers = [];
    for (const resolve of producers) resolve();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.queue.shift();
      if (item !== undefined) {
        this.wake();
        yield item;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
  }
}
