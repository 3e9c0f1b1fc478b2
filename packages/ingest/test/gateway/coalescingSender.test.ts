import { describe, expect, it } from "vitest";
import { createCoalescingSender } from "../../src/gateway/coalescingSender";
import type { KafkaPartitionOffset, KafkaRecordToSend } from "../../src/kafka/kafkaRecordProducer";

/** A send that stores records per partition from offset 0 and can be held open, one call at a time. */
function fakeSend() {
  const calls: KafkaRecordToSend[][] = [];
  const next = new Map<string, bigint>();
  let inFlight = 0;
  let most = 0;
  let release: (() => void) | undefined;
  const send = async (records: readonly KafkaRecordToSend[]): Promise<KafkaPartitionOffset[]> => {
    inFlight++;
    most = Math.max(most, inFlight);
    calls.push([...records]);
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    inFlight--;
    const bases = new Map<string, KafkaPartitionOffset>();
    for (const record of records) {
      const key = `${record.topic}:${record.partition}`;
      const offset = next.get(key) ?? 0n;
      next.set(key, offset + 1n);
      if (!bases.has(key)) bases.set(key, { topic: record.topic, partition: record.partition!, offset });
    }
    return [...bases.values()];
  };
  return { send, calls, most: () => most, release: () => release?.() };
}

const record = (partition: number, value: string): KafkaRecordToSend => ({ topic: "t", partition, value });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createCoalescingSender", () => {
  it("keeps one send in flight and sends the requests that waited together, in arrival order", async () => {
    const fake = fakeSend();
    const send = createCoalescingSender(fake.send);
    const first = send([record(0, "a")]);
    await tick();
    const second = send([record(0, "b"), record(1, "c")]);
    const third = send([record(0, "d")]);
    await tick();
    expect(fake.calls).toHaveLength(1);
    fake.release();
    expect(await first).toEqual([{ topic: "t", partition: 0, offset: 0n }]);
    await tick();
    expect(fake.calls[1]!.map((r) => r.value)).toEqual(["b", "c", "d"]);
    fake.release();
    // Each caller gets the base offsets of its own records within the combined send.
    expect(await second).toEqual([
      { topic: "t", partition: 0, offset: 1n },
      { topic: "t", partition: 1, offset: 0n },
    ]);
    expect(await third).toEqual([{ topic: "t", partition: 0, offset: 2n }]);
    expect(fake.most()).toBe(1);
  });

  it("caps a combined send by bytes, yet sends an oversize request alone", async () => {
    const fake = fakeSend();
    const send = createCoalescingSender(fake.send, { maxBatchBytes: 4 });
    const all = [
      send([record(0, "aaaaaa")]),
      send([record(0, "bb")]),
      send([record(0, "cc")]),
      send([record(0, "d")]),
    ];
    for (let i = 0; i < 3; i++) {
      await tick();
      fake.release();
    }
    await Promise.all(all);
    expect(fake.calls.map((call) => call.map((r) => r.value))).toEqual([["aaaaaa"], ["bb", "cc"], ["d"]]);
  });

  it("fails every request of a failed combined send, and carries on with the next", async () => {
    let calls = 0;
    const send = createCoalescingSender(async (records) => {
      calls++;
      if (calls === 1) throw new Error("broker gone");
      return [{ topic: "t", partition: records[0]!.partition!, offset: 5n }];
    });
    await expect(send([record(0, "a")])).rejects.toThrow("broker gone");
    expect(await send([record(0, "b")])).toEqual([{ topic: "t", partition: 0, offset: 5n }]);
  });
});
