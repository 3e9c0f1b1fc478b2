import { describe, expect, it } from "vitest";
import { SerialQueue } from "../../src/stream/serialQueue";

describe("SerialQueue", () => {
  it("runs tasks one at a time, in the order they were queued", async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.run(task("a", 20)),
      queue.run(task("b", 1)),
      queue.run(task("c", 5)),
    ]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("rejects only the failed task's promise and goes on with the next", async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error("write failed");
    });
    const next = queue.run(async () => "next");
    await expect(failed).rejects.toThrow("write failed");
    await expect(next).resolves.toBe("next");
  });
});
