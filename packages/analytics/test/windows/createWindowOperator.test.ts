import { describe, expect, it } from "vitest";
import {
  accumulators,
  createWindowOperator,
  hopping,
  type LateRecord,
  session,
  tumbling,
  type WindowResult,
} from "../../src/windows";
import { pushAllThenFlush, runSteps } from "./runSteps";

const { count, median, sum, topK } = accumulators;

type Post = { readonly user: string; readonly t: number; readonly followers: number; readonly tag: string };
const post = (user: string, t: number, followers = 0, tag = "art"): Post => ({ user, t, followers, tag });

/** One-key operator over bare event times, counting records. */
function countingOperator(window: Parameters<typeof createWindowOperator>[0]["window"], options = {}) {
  return createWindowOperator({
    window,
    key: (_t: number) => "k",
    eventTime: (t) => t,
    aggregate: { n: count() },
    ...options,
  });
}

/** The (start, end, value) of results, for compact hand-written expectations. */
const summary = <V>(results: readonly WindowResult<V>[]) =>
  results.map((r) => [r.key, r.windowStart, r.windowEnd, r.revision, r.final, r.value] as const);

describe("createWindowOperator: tumbling windows", () => {
  it("aggregates each user's posts per minute with several named aggregates", () => {
    const op = createWindowOperator({
      window: tumbling(60_000),
      key: (p: Post) => p.user,
      eventTime: (p) => p.t,
      aggregate: {
        posts: count(),
        followers: { accumulator: median(), value: (p: Post) => p.followers },
        tags: { accumulator: topK(1), value: (p: Post) => p.tag },
      },
    });
    const { results, late } = pushAllThenFlush(op, [
      post("ann", 1_000, 10, "diy"),
      post("bob", 30_000, 5),
      post("ann", 59_999, 40, "diy"),
      post("ann", 60_000, 7),
      post("ann", 20_000, 30, "food"),
    ]);
    // The record at 60_000 moved the watermark to 60_000 (no out-of-orderness allowed), which
    // closed [0, 60_000): the record at 20_000 is late, and reported, not counted.
    expect(late).toEqual([
      {
        record: post("ann", 20_000, 30, "food"),
        key: "ann",
        eventTime: 20_000,
        reason: "window-closed",
        watermark: 60_000,
        windows: [{ start: 0, end: 60_000 }],
      },
    ]);
    expect(summary(results)).toEqual([
      ["ann", 0, 60_000, 0, true, { posts: 2, followers: 10, tags: [{ value: "diy", count: 2 }] }],
      ["bob", 0, 60_000, 0, true, { posts: 1, followers: 5, tags: [{ value: "art", count: 1 }] }],
      ["ann", 60_000, 120_000, 0, true, { posts: 1, followers: 7, tags: [{ value: "art", count: 1 }] }],
    ]);
  });

  it("fires a window only once the watermark (max event time - maxOutOfOrderness) reaches its end", () => {
    const op = countingOperator(tumbling(10), { maxOutOfOrderness: 5 });
    const outputs = runSteps(op, [{ push: 3 }, { push: 12 }, { push: 8 }, { push: 15 }]);
    expect(outputs.map((o) => summary(o.results))).toEqual([
      [],
      [], // watermark 7 < 10
      [], // 8 is out of order but within 5 ms: counted
      [["k", 0, 10, 0, true, { n: 2 }]], // watermark 10 >= 10
    ]);
    expect(op.watermark).toBe(10);
  });

  it("uses the value selector for plain accumulators", () => {
    const op = createWindowOperator({
      window: tumbling(100),
      key: (p: Post) => p.user,
      eventTime: (p) => p.t,
      value: (p) => p.followers,
      aggregate: { total: sum(), median: median() },
    });
    const { results } = pushAllThenFlush(op, [post("a", 1, 5), post("a", 2, 7), post("a", 3, 100)]);
    expect(results.map((r) => r.value)).toEqual([{ total: 112, median: 7 }]);
  });
});

describe("createWindowOperator: hopping windows", () => {
  it("counts a record in every window that contains it", () => {
    const op = countingOperator(hopping(30, 10), { maxOutOfOrderness: 100 });
    const { results, late } = pushAllThenFlush(op, [0, 15, 29]);
    // 0 ∈ [-20,10) [-10,20) [0,30); 15 ∈ [-10,20) [0,30) [10,40); 29 ∈ [0,30) [10,40) [20,50)
    expect(late).toEqual([]);
    expect(summary(results)).toEqual([
      ["k", -20, 10, 0, true, { n: 1 }],
      ["k", -10, 20, 0, true, { n: 2 }],
      ["k", 0, 30, 0, true, { n: 3 }],
      ["k", 10, 40, 0, true, { n: 2 }],
      ["k", 20, 50, 0, true, { n: 1 }],
    ]);
  });

  it("still counts a record in its open windows when its oldest windows have closed", () => {
    const op = countingOperator(hopping(30, 10));
    const outputs = runSteps(op, [{ push: 45 }, { push: 35 }, { flush: true }]);
    // watermark 45 closed [10, 40); 35 still belongs to [20, 50) and [30, 60)
    expect(outputs[1]?.late).toEqual([
      {
        record: 35,
        key: "k",
        eventTime: 35,
        reason: "window-closed",
        watermark: 45,
        windows: [{ start: 10, end: 40 }],
      },
    ]);
    expect(summary(outputs[2]?.results ?? [])).toEqual([
      ["k", 20, 50, 0, true, { n: 2 }],
      ["k", 30, 60, 0, true, { n: 2 }],
      ["k", 40, 70, 0, true, { n: 1 }],
    ]);
  });
});

describe("createWindowOperator: session windows", () => {
  it("groups records less than gap apart into [first, last + gap)", () => {
    const op = countingOperator(session(10), { maxOutOfOrderness: 100 });
    const { results } = pushAllThenFlush(op, [0, 5, 12, 30, 40]);
    // 0, 5, 12 are < 10 apart → [0, 22); 30 is 18 after 12 → new session; 40 is exactly gap after 30 → new session
    expect(summary(results)).toEqual([
      ["k", 0, 22, 0, true, { n: 3 }],
      ["k", 30, 40, 0, true, { n: 1 }],
      ["k", 40, 50, 0, true, { n: 1 }],
    ]);
  });

  it("merges two sessions when a record bridges them", () => {
    const op = countingOperator(session(10), { maxOutOfOrderness: 100 });
    const { results } = pushAllThenFlush(op, [0, 18, 9]);
    // [0,10) and [18,28) are apart until 9 arrives: [9,19) overlaps both → [0, 28)
    expect(summary(results)).toEqual([["k", 0, 28, 0, true, { n: 3 }]]);
  });

  it('in "update" mode, a bridging record replaces both emitted sessions and continues their revisions', () => {
    const op = countingOperator(session(10), { maxOutOfOrderness: 100, emit: "update" });
    const outputs = runSteps(op, [{ push: 0 }, { push: 18 }, { push: 9 }, { flush: true }]);
    expect(outputs.flatMap((o) => o.results)).toEqual([
      { key: "k", windowStart: 0, windowEnd: 10, revision: 0, final: false, value: { n: 1 }, replaces: [] },
      { key: "k", windowStart: 18, windowEnd: 28, revision: 0, final: false, value: { n: 1 }, replaces: [] },
      {
        key: "k",
        windowStart: 0,
        windowEnd: 28,
        revision: 2, // one emission each of the two sessions it absorbed
        final: false,
        value: { n: 3 },
        replaces: [
          { start: 0, end: 10 },
          { start: 18, end: 28 },
        ],
      },
      { key: "k", windowStart: 0, windowEnd: 28, revision: 3, final: true, value: { n: 3 }, replaces: [] },
    ]);
  });

  it("keeps sessions per key", () => {
    const op = createWindowOperator({
      window: session(10),
      key: (p: Post) => p.user,
      eventTime: (p) => p.t,
      aggregate: { n: count() },
      maxOutOfOrderness: 100,
    });
    const { results } = pushAllThenFlush(op, [post("a", 0), post("b", 5), post("a", 8)]);
    expect(summary(results)).toEqual([
      ["b", 5, 15, 0, true, { n: 1 }],
      ["a", 0, 18, 0, true, { n: 2 }],
    ]);
  });

  it("reports the bounds a grown session replaces when it was emitted before", () => {
    const op = countingOperator(session(10), { allowedLateness: 50 });
    const outputs = runSteps(op, [{ push: 0 }, { push: 15 }, { push: 8 }, { push: 40 }, { flush: true }]);
    // 15: watermark 15 fires [0,10) (not final: lateness 50 keeps it open until 60)
    expect(summary(outputs[1]?.results ?? [])).toEqual([["k", 0, 10, 0, false, { n: 1 }]]);
    // 8: allowed-late, bridges [0,10) and [15,25) into [0,25), which is not due yet: nothing emitted
    expect(outputs[2]).toEqual({ results: [], late: [] });
    // 40: watermark 40 fires [0,25); it supersedes the emitted [0,10), and continues its revisions
    expect(outputs[3]?.results).toEqual([
      {
        key: "k",
        windowStart: 0,
        windowEnd: 25,
        revision: 1,
        final: false,
        value: { n: 3 },
        replaces: [{ start: 0, end: 10 }],
      },
    ]);
    // flush works in timer order: [40,50) fires at 50 and is purged at 100, [0,25) is purged at 75
    expect(summary(outputs[4]?.results ?? [])).toEqual([
      ["k", 40, 50, 0, false, { n: 1 }],
      ["k", 0, 25, 2, true, { n: 3 }],
      ["k", 40, 50, 1, true, { n: 1 }],
    ]);
  });

  it("rejects a record that would reach back into a purged session", () => {
    const op = countingOperator(session(10));
    const outputs = runSteps(op, [{ push: 0 }, { push: 10 }, { push: 5 }]);
    // 10 purged [0,10); 5's own session [5,15) is not past the watermark, but 5 belongs to the
    // finished session [0,10) (5 < 10), so it is late rather than a second, overlapping session.
    expect(outputs[1]?.results.map((r) => [r.windowStart, r.windowEnd, r.final])).toEqual([[0, 10, true]]);
    expect(outputs[2]?.late.map((l) => [l.reason, l.windows])).toEqual([
      ["window-closed", [{ start: 5, end: 15 }]],
    ]);
  });
});

describe("createWindowOperator: allowed lateness and emit modes", () => {
  it('"close" emits at the end, a revision per allowed-late record, and a final result at purge', () => {
    const op = countingOperator(tumbling(10), { allowedLateness: 5 });
    const outputs = runSteps(op, [{ push: 1 }, { push: 12 }, { push: 3 }, { push: 16 }, { push: 2 }]);
    expect(outputs.map((o) => summary(o.results))).toEqual([
      [],
      [["k", 0, 10, 0, false, { n: 1 }]], // fired at watermark 12
      [["k", 0, 10, 1, false, { n: 2 }]], // 3 is late but 12 < 10 + 5: a new revision
      [["k", 0, 10, 2, true, { n: 2 }]], // watermark 16 >= 15: purged
      [],
    ]);
    const late: LateRecord<number>[] = outputs[4]?.late ?? [];
    expect(late).toEqual([
      {
        record: 2,
        key: "k",
        eventTime: 2,
        reason: "window-closed",
        watermark: 16,
        windows: [{ start: 0, end: 10 }],
      },
    ]);
  });

  it('"update" emits after every record, then a final result', () => {
    const op = countingOperator(tumbling(10), { emit: "update" });
    const outputs = runSteps(op, [{ push: 1 }, { push: 2 }, { push: 11 }, { flush: true }]);
    expect(outputs.map((o) => summary(o.results))).toEqual([
      [["k", 0, 10, 0, false, { n: 1 }]],
      [["k", 0, 10, 1, false, { n: 2 }]],
      [
        ["k", 10, 20, 0, false, { n: 1 }],
        ["k", 0, 10, 2, true, { n: 2 }],
      ],
      [["k", 10, 20, 1, true, { n: 1 }]],
    ]);
  });

  it("fires windows when the watermark is advanced explicitly", () => {
    const op = countingOperator(tumbling(10), { maxOutOfOrderness: 1_000 });
    const outputs = runSteps(op, [{ push: 1 }, { advance: 9 }, { advance: 10 }, { advance: 5 }]);
    expect(outputs.map((o) => o.results.length)).toEqual([0, 0, 1, 0]);
    expect(op.watermark).toBe(10);
  });

  it("treats every record after flush as late", () => {
    const op = countingOperator(tumbling(10));
    op.flush();
    expect(op.watermark).toBe(Number.POSITIVE_INFINITY);
    expect(op.push(1_000_000).late.map((l) => l.reason)).toEqual(["window-closed"]);
    expect(op.flush()).toEqual({ results: [], late: [] });
  });
});

describe("createWindowOperator: invalid records", () => {
  it("reports records whose event time is not a finite safe number, and does not let them move time", () => {
    type R = { readonly t: unknown };
    const op = createWindowOperator({
      window: tumbling(10),
      key: (_r: R) => "k",
      eventTime: (r) => r.t as number,
      aggregate: { n: count() },
    });
    const bad = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "5", undefined, 2 ** 60];
    const late = bad.flatMap((t) => op.push({ t }).late);
    expect(late.map((l) => l.reason)).toEqual(Array(bad.length).fill("invalid-event-time"));
    expect(late.map((l) => l.eventTime)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      Number.NaN,
      2 ** 60,
    ]);
    expect(op.watermark).toBe(Number.NEGATIVE_INFINITY);
    expect(op.flush().results).toEqual([]);
  });

  it("reports records whose key is not a string", () => {
    const op = createWindowOperator({
      window: tumbling(10),
      key: (r: { k: unknown }) => r.k as string,
      eventTime: () => 1,
      aggregate: { n: count() },
    });
    expect(op.push({ k: 7 }).late).toEqual([
      {
        record: { k: 7 },
        key: null,
        eventTime: 1,
        reason: "invalid-key",
        watermark: Number.NEGATIVE_INFINITY,
        windows: [],
      },
    ]);
  });
});

describe("createWindowOperator: invalid configuration", () => {
  const valid = {
    window: tumbling(10),
    key: (_t: number) => "k",
    eventTime: (t: number) => t,
    aggregate: { n: count() },
  };

  it("rejects bad settings with a message naming them", () => {
    expect(() => createWindowOperator({ ...valid, window: { kind: "tumbling", size: 0 } })).toThrow(/size/);
    expect(() => createWindowOperator({ ...valid, maxOutOfOrderness: -1 })).toThrow(/maxOutOfOrderness/);
    expect(() => createWindowOperator({ ...valid, allowedLateness: Number.NaN })).toThrow(/allowedLateness/);
    expect(() => createWindowOperator({ ...valid, emit: "sometimes" as "close" })).toThrow(/emit/);
    expect(() => createWindowOperator({ ...valid, key: "user" as unknown as () => string })).toThrow(/key/);
    expect(() => createWindowOperator({ ...valid, eventTime: undefined as unknown as () => number })).toThrow(
      /eventTime/,
    );
    expect(() => createWindowOperator({ ...valid, aggregate: {} })).toThrow(/at least one/);
    expect(() =>
      createWindowOperator({ ...valid, aggregate: { n: 3 as unknown as ReturnType<typeof count> } }),
    ).toThrow(/aggregate.n is not an accumulator/);
    expect(() =>
      createWindowOperator({
        ...valid,
        aggregate: { n: { accumulator: count(), value: 1 as unknown as () => 1 } },
      }),
    ).toThrow(/aggregate.n.value/);
  });

  it("rejects a watermark that is not a finite number", () => {
    const op = createWindowOperator(valid);
    expect(() => op.advanceWatermark(Number.NaN)).toThrow(RangeError);
    expect(() => op.advanceWatermark(Number.POSITIVE_INFINITY)).toThrow(/flush/);
  });
});
