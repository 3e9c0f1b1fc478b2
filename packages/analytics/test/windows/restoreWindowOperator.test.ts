import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accumulators,
  createWindowOperator,
  type EmitMode,
  type JsonValue,
  restoreWindowOperator,
  session,
  tumbling,
  WINDOW_STATE_FORMAT,
  type WindowSpec,
  WindowStateError,
} from "../../src/windows";
import { collectIds } from "./collectIds";
import { runSteps, type Step } from "./runSteps";
import { emitArb, type Rec, smallToleranceArb, walkRecordsArb, windowArb } from "./windowArbitraries";

const { count, max, median, min, sum, topK } = accumulators;

function configFor(window: WindowSpec, maxOutOfOrderness: number, allowedLateness: number, emit: EmitMode) {
  return {
    window,
    key: (r: Rec) => r.key,
    eventTime: (r: Rec) => r.t,
    aggregate: {
      n: count(),
      total: { accumulator: sum(), value: (r: Rec) => r.v },
      low: { accumulator: min(), value: (r: Rec) => r.v },
      high: { accumulator: max(), value: (r: Rec) => r.v },
      median: { accumulator: median(), value: (r: Rec) => r.v },
      top: { accumulator: topK(2), value: (r: Rec) => Math.abs(r.v) % 4 },
      ids: { accumulator: collectIds(), value: (r: Rec) => r.id },
    },
    maxOutOfOrderness,
    allowedLateness,
    emit,
  };
}

/** Record pushes with occasional explicit watermarks and records whose event time is invalid. */
const stepsArb: fc.Arbitrary<Step<Rec>[]> = fc
  .tuple(walkRecordsArb, fc.array(fc.nat(99), { maxLength: 60 }))
  .map(([records, dice]) =>
    records.map((r, i): Step<Rec> => {
      const roll = dice[i] ?? 50;
      if (roll < 8) return { advance: r.t };
      if (roll < 12) return { push: { ...r, t: Number.NaN } };
      return { push: r };
    }),
  );

describe("restoreWindowOperator", () => {
  it("continues exactly like the uninterrupted operator after serialize → JSON → restore (property)", () => {
    fc.assert(
      fc.property(
        windowArb,
        stepsArb,
        fc.nat(),
        smallToleranceArb,
        smallToleranceArb,
        emitArb,
        (window, steps, cut, ooo, lateness, emit) => {
          const config = configFor(window, ooo, lateness, emit);
          const all: Step<Rec>[] = [...steps, { flush: true }];
          const split = cut % (all.length + 1);

          const uninterrupted = runSteps(createWindowOperator(config), all);

          const first = createWindowOperator(config);
          const before = runSteps(first, all.slice(0, split));
          const checkpoint = JSON.stringify(first.serialize());
          const resumed = restoreWindowOperator(config, JSON.parse(checkpoint));
          expect(JSON.stringify(resumed.serialize())).toBe(checkpoint);
          expect(resumed.watermark).toBe(first.watermark);
          const after = runSteps(resumed, all.slice(split));

          expect([...before, ...after]).toEqual(uninterrupted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("accepts the checkpoint as JSON text", () => {
    const config = configFor(session(10), 0, 5, "close");
    const op = createWindowOperator(config);
    op.push({ id: 0, key: "a", t: 3, v: 1 });
    const resumed = restoreWindowOperator(config, JSON.stringify(op.serialize()));
    expect(
      resumed.flush().results.map((r) => [r.windowStart, r.windowEnd, r.revision, r.final, r.value.n]),
    ).toEqual([
      [3, 13, 0, false, 1],
      [3, 13, 1, true, 1],
    ]);
  });

  it("takes a snapshot: later pushes change neither a taken checkpoint nor a restored operator", () => {
    const config = configFor(tumbling(10), 0, 0, "close");
    const op = createWindowOperator(config);
    op.push({ id: 0, key: "a", t: 1, v: 5 });
    const checkpoint = op.serialize();
    const frozen = JSON.stringify(checkpoint);
    op.push({ id: 1, key: "a", t: 2, v: 7 });
    expect(JSON.stringify(checkpoint)).toBe(frozen);

    const resumed = restoreWindowOperator(config, checkpoint);
    (checkpoint.windows[0]!.states.median as number[]).push(1_000); // tampering after restore has no effect
    expect(resumed.flush().results[0]?.value.median).toBe(5);
  });

  it("restores a flushed operator, which treats further records as late", () => {
    const config = configFor(tumbling(10), 0, 0, "close");
    const op = createWindowOperator(config);
    op.flush();
    const resumed = restoreWindowOperator(config, JSON.stringify(op.serialize()));
    expect(resumed.watermark).toBe(Number.POSITIVE_INFINITY);
    expect(resumed.push({ id: 0, key: "a", t: 1, v: 0 }).late).toHaveLength(1);
  });
});

describe("restoreWindowOperator: invalid checkpoints", () => {
  const config = configFor(session(10), 0, 20, "close");
  const valid = (() => {
    const op = createWindowOperator(config);
    for (const [id, t] of [0, 5, 40, 100].entries()) op.push({ id, key: "a", t, v: id });
    return op.serialize();
  })();
  // Sanity: the base checkpoint has an open fired window, an unfired one and a seal.
  const validJson = JSON.parse(JSON.stringify(valid)) as Record<string, JsonValue>;

  const broken = (
    edit: (state: Record<string, unknown> & { windows: Record<string, unknown>[] }) => void,
  ) => {
    const copy = structuredClone(validJson) as Record<string, unknown> & {
      windows: Record<string, unknown>[];
    };
    edit(copy);
    return copy;
  };

  const cases: ReadonlyArray<readonly [string, unknown, RegExp]> = [
    ["text that is not JSON", "{not json", /not valid JSON/],
    ["null", null, /expected an object, got null/],
    ["an array", [], /expected an object/],
    ["a number", 42, /expected an object/],
    ["an empty object", {}, /at format/],
    ["another format", { ...validJson, format: "other" }, /at format: expected "pinpipe.windowOperator"/],
    ["a future version", { ...validJson, version: 2 }, /at version/],
    [
      "another window",
      { ...validJson, window: { kind: "session", gap: 11 } },
      /written with session\(11\), configured with session\(10\)/,
    ],
    ["a broken window", { ...validJson, window: { kind: "session", gap: -1 } }, /at window: session gap/],
    ["other aggregates", { ...validJson, aggregates: { n: "count" } }, /at aggregates: written with/],
    [
      "another lateness",
      { ...validJson, allowedLateness: 0 },
      /at allowedLateness: written with 0, configured with 20/,
    ],
    ["another emit mode", { ...validJson, emit: "update" }, /at emit/],
    ["a string watermark", { ...validJson, watermark: "100" }, /at watermark: expected a finite number/],
    ["a non-boolean ended", { ...validJson, ended: "no" }, /at ended/],
    ["windows that are not a list", { ...validJson, windows: {} }, /at windows: expected an array/],
    ["a window without key", broken((s) => delete s.windows[0]?.key), /at windows\[0\]\.key/],
    [
      "a too short session",
      broken((s) => Object.assign(s.windows[0] as object, { end: 101 })),
      /at least its gap/,
    ],
    [
      "a negative revision",
      broken((s) => Object.assign(s.windows[0] as object, { revision: -1 })),
      /revision/,
    ],
    [
      "a window fired before the watermark reached it",
      broken((s) => Object.assign(s.windows.at(-1) as object, { fired: true })),
      /fired/,
    ],
    [
      "a bad accumulator state",
      broken((s) =>
        Object.assign(s.windows[0] as object, { states: { ...(s.windows[0]?.states as object), n: -3 } }),
      ),
      /states\.n: not a valid count state, got -3/,
    ],
    [
      "an unsorted quantile state",
      broken((s) =>
        Object.assign(s.windows[0] as object, {
          states: { ...(s.windows[0]?.states as object), median: [3, 1] },
        }),
      ),
      /states\.median: not a valid median state/,
    ],
    [
      "a missing accumulator state",
      broken((s) => Object.assign(s.windows[0] as object, { states: { n: 1 } })),
      /states\.total: not a valid sum state/,
    ],
    [
      "an unknown accumulator state",
      broken((s) =>
        Object.assign(s.windows[0] as object, { states: { ...(s.windows[0]?.states as object), extra: 1 } }),
      ),
      /states\.extra: not an aggregate/,
    ],
    [
      "duplicate windows",
      broken((s) => s.windows.push(structuredClone(s.windows[0] as object) as Record<string, unknown>)),
      /duplicate window/,
    ],
    [
      "overlapping sessions",
      broken((s) => s.windows.push({ ...(structuredClone(s.windows[0]) as object), start: 95, end: 105 })),
      /sessions of key "a" overlap/,
    ],
    ["a bad seal", { ...validJson, sealed: [{ key: "a", until: null }] }, /at sealed\[0\]\.until/],
    [
      "a flushed state with open windows",
      { ...validJson, ended: true },
      /flushed operator has no open windows/,
    ],
  ];

  it.each(cases)("rejects %s with a WindowStateError saying what is wrong", (_label, input, message) => {
    expect(() => restoreWindowOperator(config, input)).toThrow(WindowStateError);
    expect(() => restoreWindowOperator(config, input)).toThrow(message);
  });

  it("rejects windows that are not windows of a tumbling or hopping configuration", () => {
    const tumblingConfig = configFor(tumbling(10), 0, 0, "close");
    const op = createWindowOperator(tumblingConfig);
    op.push({ id: 0, key: "a", t: 3, v: 0 });
    const state = JSON.parse(JSON.stringify(op.serialize()));
    state.windows[0].start = 5;
    state.windows[0].end = 15;
    expect(() => restoreWindowOperator(tumblingConfig, state)).toThrow(/not a window of tumbling\(10\)/);
    expect(() =>
      restoreWindowOperator(tumblingConfig, {
        ...JSON.parse(JSON.stringify(op.serialize())),
        sealed: [{ key: "a", until: 1 }],
      }),
    ).toThrow(/only session windows have seals/);
  });

  it("names the path and the checkpoint in its message", () => {
    try {
      restoreWindowOperator(config, { ...validJson, format: WINDOW_STATE_FORMAT, version: "1" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WindowStateError);
      expect((error as WindowStateError).path).toBe("version");
      expect((error as Error).message).toBe(
        'invalid window operator checkpoint at version: expected 1 (the only version this code reads), got "1"',
      );
    }
  });

  it("never fails with anything but a WindowStateError on arbitrary input (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.string()), (input) => {
        expect(() => restoreWindowOperator(config, input)).toThrow(WindowStateError);
      }),
    );
  });

  it("either restores or throws a WindowStateError when any part of a checkpoint is replaced (property)", () => {
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) walk(v, [...path, i]);
      } else if (typeof value === "object" && value !== null)
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(validJson, []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.jsonValue(),
        (path, replacement) => {
          const copy = structuredClone(validJson) as Record<string | number, unknown>;
          let parent = copy;
          for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
          parent[path.at(-1) as string | number] = replacement;
          try {
            const op = restoreWindowOperator(config, copy);
            op.push({ id: 99, key: "a", t: 105, v: 1 });
            op.flush();
          } catch (error) {
            expect(error).toBeInstanceOf(WindowStateError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
