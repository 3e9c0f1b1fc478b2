import type { KafkaGroupSource, KafkaSourceMessage } from "@pinpipe/ingest";
import { SerialQueue } from "../stream/serialQueue";

/**
 * What a job that consumes Kafka topics as one member of a group does per partition, for
 * {@link runKafkaGroupLoop}: the loop follows the group and positions, the job keeps its records and
 * writes them (the stream job: micro-batches; connect-s3: Kafka Connect objects).
 *
 * @example
 * const handler: KafkaPartitionHandler<{ next: bigint }> = { open: async () => ({ next: 0n }), nextOffset: (s) => s.next, take: async (s) => { s.next++; }, flush: async () => {} };
 */
export interface KafkaPartitionHandler<S> {
  /** Reads where the output of a partition ends; the state reads on from `nextOffset(state)`. */
  open(topic: string, partition: number): Promise<S>;
  /** The offset of the next record the state takes. */
  nextOffset(state: S): bigint;
  /** Takes the record at `nextOffset(state)` (and may write). */
  take(state: S, message: KafkaSourceMessage, loop: KafkaGroupLoopControl): Promise<void>;
  /** Every tick, before the idle check: time-based cuts. */
  tick?(state: S, now: number, loop: KafkaGroupLoopControl): Promise<void>;
  /** Whether the state holds records not written yet (an idle stop waits for them). */
  buffered?(state: S): boolean;
  /** Writes what the state holds (at stop). */
  flush(state: S, loop: KafkaGroupLoopControl): Promise<void>;
}

/**
 * What a handler may ask of the loop while it writes.
 *
 * @example
 * loop.drop(state.topic, state.partition); // taken over: forget it, reopen when owned again
 */
export interface KafkaGroupLoopControl {
  /** Forgets a partition's state (another member took it over); it is opened again if still owned. */
  drop(topic: string, partition: number): void;
}

/**
 * Options of {@link runKafkaGroupLoop}.
 *
 * @example
 * const options: KafkaGroupLoopOptions<S> = { source, topics: new Set(["p.pin"]), handler, idleMs: 5_000 };
 */
export interface KafkaGroupLoopOptions<S> {
  readonly source: KafkaGroupSource;
  /** The topics the job writes; partitions of others are not opened. */
  readonly topics: ReadonlySet<string>;
  readonly handler: KafkaPartitionHandler<S>;
  /** Stop once every owned partition is read to its end, nothing is buffered and no record came for this long. */
  readonly idleMs?: number | undefined;
  /** Graceful stop: what is buffered is written, then the loop resolves. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Wait after the group hands this member its partitions before opening them (default 1000 ms): a
   * member that owned one before may still be finishing a write it started before it learnt of the
   * rebalance.
   */
  readonly takeoverGraceMs?: number | undefined;
}

/**
 * A running loop: its partition states and rebalances any time, `done` when it stopped.
 *
 * @example
 * const loop = runKafkaGroupLoop(options);
 * await loop.done;
 */
export interface KafkaGroupLoop<S> {
  /** The states of the partitions this member reads now. */
  states(): readonly S[];
  /** Times the group handed this member its partitions (again). */
  rebalances(): number;
  readonly done: Promise<void>;
}

const TICK_MS = 200;

/**
 * The consume loop shared by `pinpipe stream --source kafka` and `pinpipe connect-s3`: one member
 * of a consumer group, exactly once with positions kept in the output.
 *
 * 1. After every rebalance all partition states are dropped (what was buffered is read again by the
 *    partition's owner), and each partition owned now is opened (`handler.open`, after the takeover
 *    grace) and read from `nextOffset`, whether or not a message of it came yet.
 * 2. During a rebalance nothing is taken; a message below a state's next offset is skipped, one
 *    above it makes the member seek back.
 * 3. A tick every 200 ms opens newly owned partitions, calls `handler.tick` and, with `idleMs`,
 *    stops once every owned partition is read to its end (end offsets asked of the brokers, not
 *    idle time alone: a member still joining must not stop).
 * 4. At stop (signal, idle, or end of messages) every state is flushed unless a rebalance is under
 *    way; the source is closed; the first failure is thrown.
 *
 * @example
 * const loop = runKafkaGroupLoop({ source, topics: new Set(["p.pin"]), handler, idleMs: 5_000 });
 * await loop.done;
 */
export function runKafkaGroupLoop<S>(options: KafkaGroupLoopOptions<S>): KafkaGroupLoop<S> {
  const { source, handler, topics } = options;
  const states = new Map<string, S>();
  const keyOf = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const control: KafkaGroupLoopControl = {
    drop: (topic, partition) => {
      states.delete(keyOf(topic, partition));
    },
  };
  let seenGeneration = source.generation();
  let rebalances = 0;
  let lastMessageAt = Date.now();

  async function followGroup(): Promise<void> {
    if (source.generation() !== seenGeneration) {
      seenGeneration = source.generation();
      rebalances++;
      states.clear();
    }
    if (source.rebalancing()) return;
    for (const [topic, partitions] of source.assignments()) {
      if (!topics.has(topic)) continue;
      for (const partition of partitions) {
        const key = keyOf(topic, partition);
        if (states.has(key)) continue;
        const wait = source.joinedAt() + (options.takeoverGraceMs ?? 1_000) - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const state = await handler.open(topic, partition);
        if (source.generation() !== seenGeneration) return;
        states.set(key, state);
        source.seek(topic, partition, handler.nextOffset(state));
      }
    }
  }

  async function take(message: KafkaSourceMessage): Promise<void> {
    lastMessageAt = Date.now();
    await followGroup();
    // During a rebalance nothing is taken: the partition may be about to move, and whatever is owned
    // afterwards is read again from the output's position.
    if (!topics.has(message.topic) || source.rebalancing() || !source.owns(message.topic, message.partition))
      return;
    const state = states.get(keyOf(message.topic, message.partition));
    if (state === undefined) return;
    const next = handler.nextOffset(state);
    if (message.offset < next) return;
    if (message.offset > next) {
      // Reading started past the output's position (a committed offset ahead of it).
      source.seek(message.topic, message.partition, next);
      return;
    }
    await handler.take(state, message, control);
  }

  async function caughtUp(): Promise<boolean> {
    if (source.rebalancing() || source.generation() !== seenGeneration) return false;
    const ends = await source.endOffsets();
    for (const [topic, partitions] of source.assignments()) {
      if (!topics.has(topic)) continue;
      for (const partition of partitions) {
        const state = states.get(keyOf(topic, partition));
        const end = ends.get(`${topic}:${partition}`);
        if (state === undefined || end === undefined || handler.nextOffset(state) < end) return false;
      }
    }
    return true;
  }

  async function execute(): Promise<void> {
    const queue = new SerialQueue();
    let failure: { readonly error: unknown } | undefined;
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      void source.stop();
    };
    const fail = (error: unknown): void => {
      failure ??= { error };
      stop();
    };
    const onAbort = (): void => stop();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) stop();

    const tick = async (): Promise<void> => {
      if (failure !== undefined || stopping) return;
      await followGroup();
      const now = Date.now();
      if (handler.tick !== undefined) {
        for (const state of [...states.values()]) await handler.tick(state, now, control);
      }
      const buffered = handler.buffered !== undefined && [...states.values()].some(handler.buffered);
      if (options.idleMs !== undefined && !buffered && now - lastMessageAt >= options.idleMs) {
        if (await caughtUp()) stop();
      }
    };
    let queued = false;
    const timer = setInterval(() => {
      if (queued) return;
      queued = true;
      queue
        .run(tick)
        .catch(fail)
        .finally(() => {
          queued = false;
        });
    }, TICK_MS);
    try {
      for await (const message of source.messages) {
        if (stopping) break;
        await queue.run(() => take(message));
      }
    } catch (error) {
      if (!stopping || failure !== undefined) fail(error);
    } finally {
      clearInterval(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
    if (failure === undefined) {
      await queue.run(async () => {
        if (source.generation() !== seenGeneration || source.rebalancing()) return;
        for (const state of [...states.values()]) await handler.flush(state, control);
      });
    }
    await source.close().catch(() => {});
    if (failure !== undefined) throw failure.error;
  }

  return { states: () => [...states.values()], rebalances: () => rebalances, done: execute() };
}
