import { describe, expect, it } from "vitest";
import { cleanTableStream, cleanTableStreamAsync, type TableName } from "../src/index";
import { rawUser } from "./fixtures/rawRecords";

function* rows(count: number, consumed: { count: number }) {
  for (let ind = 0; ind < count; ind++) {
    consumed.count++;
    yield ind === 2 ? null : { ...rawUser, ind: ind % 4 === 3 ? 1 : ind };
  }
}

describe("cleanTableStream", () => {
  it("cleans lazily, one input record per step, with a live report", () => {
    const consumed = { count: 0 };
    const stream = cleanTableStream("user", rows(1_000_000, consumed));
    const iterator = stream[Symbol.iterator]();
    expect(consumed.count).toBe(0);
    expect(iterator.next().value).toMatchObject({ kind: "clean", index: 0, value: { ind: 0 } });
    expect(iterator.next().value).toMatchObject({ kind: "clean", index: 1 });
    expect(iterator.next().value).toEqual({
      kind: "rejected",
      index: 2,
      raw: null,
      issues: [{ field: "$", value: null, rule: "not_an_object" }],
    });
    expect(consumed.count).toBe(3);
    expect(stream.report).toMatchObject({ in: 3, clean: 2, rejected: 1, duplicates: 0 });
    expect(stream.report.byReason.not_an_object).toBe(1);
    expect(stream.report.byField).toEqual({ $: 1 });
    iterator.next();
    expect(stream.report).toMatchObject({ in: 4, clean: 3, rejected: 1 });
  });

  it("counts duplicates without yielding them", () => {
    const stream = cleanTableStream("user", rows(8, { count: 0 }), { dedupe: true });
    const items = [...stream];
    // ind 3 and 7 are rewritten to ind 1, a duplicate of record 1.
    expect(items.map((item) => item.index)).toEqual([0, 1, 2, 4, 5, 6]);
    expect(stream.report).toMatchObject({ in: 8, clean: 5, rejected: 1, duplicates: 2 });
  });

  it("is single-use, like the input it reads", () => {
    const stream = cleanTableStream("user", rows(3, { count: 0 }));
    expect([...stream]).toHaveLength(3);
    expect([...stream]).toHaveLength(0);
    expect(stream.report.in).toBe(3);
  });

  it("throws a RangeError for an unknown table", () => {
    expect(() => cleanTableStream("users" as TableName, [])).toThrow(RangeError);
    expect(() => cleanTableStreamAsync(undefined as unknown as TableName, [])).toThrow(RangeError);
  });
});

describe("cleanTableStreamAsync", () => {
  it("cleans an async iterable with the same items and report as the sync stream", async () => {
    async function* source() {
      yield* rows(12, { count: 0 });
    }
    const stream = cleanTableStreamAsync("user", source(), { dedupe: true });
    const items = [];
    for await (const item of stream) items.push(item);
    const sync = cleanTableStream("user", rows(12, { count: 0 }), { dedupe: true });
    expect(items).toEqual([...sync]);
    expect(stream.report).toEqual(sync.report);
  });

  it("accepts a sync iterable too", async () => {
    const stream = cleanTableStreamAsync("user", [rawUser, rawUser], { dedupe: true });
    const items = [];
    for await (const item of stream) items.push(item);
    expect(items).toHaveLength(1);
    expect(stream.report).toMatchObject({ in: 2, clean: 1, duplicates: 1 });
  });
});
