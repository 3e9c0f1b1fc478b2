import { describe, expect, it } from "vitest";
import { RecordChannel } from "../../src/emulate/recordChannel";

async function drain<T>(channel: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of channel) items.push(item);
  return items;
}

describe("RecordChannel", () => {
  it("hands the records to the consumer in order and ends after end()", async () => {
    const channel = new RecordChannel<number>(2);
    const consumed = drain(channel);
    for (let i = 0; i < 10; i++) await channel.push(i);
    channel.end();
    expect(await consumed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("makes push wait while the queue is full", async () => {
    const channel = new RecordChannel<number>(2);
    await channel.push(1);
    await channel.push(2);
    let pushed = false;
    const third = channel.push(3).then(() => {
      pushed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(pushed).toBe(false);
    const iterator = channel[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await third;
    expect(pushed).toBe(true);
  });

  it("rejects waiting and later pushes once the consumer failed", async () => {
    const channel = new RecordChannel<number>(1);
    await channel.push(1);
    const waiting = channel.push(2);
    channel.fail(new Error("bucket gone"));
    await expect(waiting).rejects.toThrow("bucket gone");
    await expect(channel.push(3)).rejects.toThrow("bucket gone");
  });

  it("refuses a push after end and a capacity below one", async () => {
    const channel = new RecordChannel<number>(1);
    channel.end();
    await expect(channel.push(1)).rejects.toThrow(/after end/);
    expect(() => new RecordChannel(0)).toThrow(RangeError);
    expect(() => new RecordChannel(1.5)).toThrow(RangeError);
  });
});
