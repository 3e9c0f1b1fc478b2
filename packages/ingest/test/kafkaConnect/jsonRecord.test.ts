import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findJsonRecordProblem,
  findJsonValueProblem,
  MAX_JSON_DEPTH,
  parseJsonRecord,
} from "../../src/index";
import { anyJsonValue, jsonRecord } from "./jsonRecordArbitrary";

/** `depth` arrays, one inside the other, around a number. */
const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe("JSON records at the wire boundary", () => {
  it("accept every JSON value and record the codecs can carry (property)", () => {
    fc.assert(
      fc.property(anyJsonValue, (value) => {
        expect(findJsonValueProblem(value)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(jsonRecord, (record) => {
        expect(findJsonRecordProblem(record)).toBeNull();
        expect(parseJsonRecord(JSON.stringify(record))).toEqual({ ok: true, value: record });
      }),
    );
  });

  it(`accept nesting up to ${MAX_JSON_DEPTH} levels and refuse deeper`, () => {
    expect(findJsonValueProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonRecordProblem({ a: nested(MAX_JSON_DEPTH - 1) })).toBeNull();
    expect(findJsonValueProblem(nested(MAX_JSON_DEPTH + 1))).toContain(
      `nested deeper than ${MAX_JSON_DEPTH}`,
    );
    expect(findJsonRecordProblem({ a: nested(100_000) })).toContain("nested deeper");
  });

  it("refuse __proto__ keys at any depth, naming where", () => {
    expect(parseJsonRecord('{"a":[{"__proto__":1}]}')).toEqual({
      ok: false,
      reason: '$.a[0]: key "__proto__" is not allowed',
    });
  });

  it("name the path of the bad value, past closed siblings and far into wide arrays", () => {
    expect(findJsonValueProblem({ a: [[1], [2, Number.POSITIVE_INFINITY]] })).toBe(
      "$.a[1][1]: number is not finite",
    );
    expect(findJsonRecordProblem({ a: [1, { b: [true, undefined] }] }, "row")).toBe(
      "row.a[1].b[1]: undefined is not a JSON value",
    );
    expect(findJsonValueProblem({ t: { when: new Date(0) } })).toBe("$.t.when: value is not a plain object");
    const wide = [...new Array<number>(100_000).fill(0), 1n];
    expect(findJsonRecordProblem({ tags: wide, ok: "x" })).toBe("$.tags[100000]: bigint is not a JSON value");
  });

  it("report the last key of an object first, and a shared (or cyclic) reference once", () => {
    expect(findJsonValueProblem({ a: Number.NaN, b: Number.NaN })).toBe("$.b: number is not finite");
    const shared = { n: 1 };
    const cyclic: Record<string, unknown> = { shared, again: [shared] };
    cyclic.self = cyclic;
    expect(findJsonRecordProblem(cyclic)).toBeNull();
  });

  it("refuse what is not a JSON record", () => {
    for (const value of [null, 1, "x", [], new Map(), new (class Row {})()]) {
      expect(findJsonRecordProblem(value)).toBe("$: record is not a JSON object");
    }
    expect(findJsonValueProblem(Symbol("s"), "key")).toBe("key: symbol is not a JSON value");
    expect(parseJsonRecord(7 as never)).toEqual({ ok: false, reason: "text is not a string" });
    expect(parseJsonRecord("{").ok).toBe(false);
  });
});
