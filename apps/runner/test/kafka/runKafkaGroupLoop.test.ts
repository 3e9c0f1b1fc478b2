import type { KafkaGroupSource, KafkaSourceMessage } from "@pinpipe/ingest";
import { describe, expect, it } from "vitest";
import { type KafkaPartitionHandler, runKafkaGroupLoop } from "../../src/kafka/runKafkaGroupLoop";

/** A scripted group member: one partition per topic owned from the start, messages pushed by the test. */
function fakeSource(owned: Record<string, number[]>, ends: Record<string, bigint> = {}) {
  const queue: KafkaSourceMessage[] = [];
  let wake: (() => void) | undefined;
  let stopped = false;
  let generation = 1;
  const seeks: string[] = [];
  const commits: string[] = [];
  async function* messages(): AsyncGenerator<KafkaSourceMessage> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (stopped) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
  const source: KafkaGroupSource = {
    messages: messages(),
    generation: () => generation,
    joinedAt: () => 0,
    rebalancing: () => false,
    reconnects: () => 0,
    endOffsets: async () => new Map(Object.entries(ends)),
    owns: (topic, partition) => owned[topic]?.includes(partition) ?? false,
    assignments: () => new Map(Object.entries(owned)),
    seek: (topic, partition, offset) => {
      seeks.push(`${topic}-${partition}@${offset}`);
    },
    commit: async (offsets) => {
      commits.push(...offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`));
      return undefined;
    },
    stop: async () => {
      stopped = true;
      wake?.();
    },
    close: async () => {},
  };
  const push = (topic: string, partition: number, offset: bigint) => {
    queue.push({
      topic,
      partition,
      offset,
      key: undefined,
      value: new TextEncoder().encode(String(offset)),
      timestamp: new Date(0),
    });
    wake?.();
  };
  return { source, push, seeks, commits, rebalance: () => generation++ };
}

interface State {
  readonly topic: string;
  next: bigint;
  taken: bigint[];
  flushed: bigint[];
}

function recordingHandler(
  startAt: Record<string, bigint>,
): KafkaPartitionHandler<State> & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    open: async (topic, partition) => {
      opened.push(`${topic}-${partition}`);
      return { topic, next: startAt[topic] ?? 0n, taken: [], flushed: [] };
    },
    nextOffset: (state) => state.next,
    take: async (state, message) => {
      state.taken.push(message.offset);
      state.next = message.offset + 1n;
    },
    buffered: (state) => state.taken.length > state.flushed.length,
    tick: async (state) => {
      state.flushed = [...state.taken];
    },
    flush: async (state) => {
      state.flushed = [...state.taken];
    },
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("runKafkaGroupLoop", () => {
  it("opens every owned partition of its topics, reads from the output's position, skips re-deliveries and seeks back over gaps", async () => {
    const fake = fakeSource({ "a.pin": [0], other: [0] });
    const handler = recordingHandler({ "a.pin": 5n });
    const stop = new AbortController();
    const loop = runKafkaGroupLoop({
      source: fake.source,
      topics: new Set(["a.pin"]),
      handler,
      signal: stop.signal,
      takeoverGraceMs: 0,
    });
    await until(() => handler.opened.length === 1);
    expect(handler.opened).toEqual(["a.pin-0"]);
    expect(fake.seeks).toEqual(["a.pin-0@5"]);
    // Below the position: already in the output. Above it: reading starts again at 5.
    fake.push("a.pin", 0, 4n);
    fake.push("a.pin", 0, 7n);
    fake.push("other", 0, 0n);
    fake.push("a.pin", 0, 5n);
    fake.push("a.pin", 0, 6n);
    await until(() => loop.states()[0]!.taken.length === 2);
    expect(fake.seeks).toEqual(["a.pin-0@5", "a.pin-0@5"]);
    stop.abort();
    await loop.done;
    // A graceful stop flushes what is buffered.
    expect(loop.states()[0]!.flushed).toEqual([5n, 6n]);
  });

  it("drops its states on a rebalance and opens the partitions again from the output", async () => {
    const fake = fakeSource({ "a.pin": [0] });
    const handler = recordingHandler({});
    const stop = new AbortController();
    const loop = runKafkaGroupLoop({
      source: fake.source,
      topics: new Set(["a.pin"]),
      handler,
      signal: stop.signal,
      takeoverGraceMs: 0,
    });
    await until(() => handler.opened.length === 1);
    fake.push("a.pin", 0, 0n);
    await until(() => loop.states()[0]?.taken.length === 1);
    fake.rebalance();
    await until(() => handler.opened.length === 2);
    expect(loop.rebalances()).toBe(1);
    // The buffered record was dropped with the old state: the new one starts at the output's position.
    expect(loop.states()[0]!.taken).toEqual([]);
    stop.abort();
    await loop.done;
  });

  it("stops when idle only once every owned partition is read to its end and nothing is buffered", async () => {
    const fake = fakeSource({ "a.pin": [0] }, { "a.pin:0": 2n });
    const handler = recordingHandler({});
    const loop = runKafkaGroupLoop({
      source: fake.source,
      topics: new Set(["a.pin"]),
      handler,
      idleMs: 0,
      takeoverGraceMs: 0,
    });
    await until(() => handler.opened.length === 1);
    fake.push("a.pin", 0, 0n);
    // Behind the end offset (2): the loop goes on however idle.
    await new Promise((resolve) => setTimeout(resolve, 500));
    let done = false;
    void loop.done.then(() => {
      done = true;
    });
    expect(done).toBe(false);
    fake.push("a.pin", 0, 1n);
    await loop.done;
    expect(loop.states()[0]!.flushed).toEqual([0n, 1n]);
  });
});
