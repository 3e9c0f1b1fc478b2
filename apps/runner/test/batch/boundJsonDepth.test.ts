import { describe, expect, it } from "vitest";
import { boundJsonDepth, deeperThanMarker } from "../../src/batch/boundJsonDepth";
import { readCleanTables } from "../../src/batch/readCleanTables";
import type { SourceItem } from "../../src/batch/sourceItem";

/** `{"a":{"a":…1…}}` with `depth` objects, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("boundJsonDepth", () => {
  it("returns values within the bound unchanged (the same object)", () => {
    const value = { a: [1, { b: "x" }], c: null };
    expect(boundJsonDepth(value, 3)).toBe(value);
    expect(boundJsonDepth("text", 0)).toBe("text");
    expect(boundJsonDepth(null, 1)).toBe(null);
  });

  it("replaces arrays and objects below the bound by the marker, keeping everything above", () => {
    const marker = deeperThanMarker(2);
    expect(marker).toBe("[nested deeper than 2 levels: left out]");
    const bounded = boundJsonDepth({ keep: 1, a: { b: { c: 1 }, d: [1], e: "s" }, f: [[1], 2] }, 2);
    expect(JSON.parse(JSON.stringify(bounded))).toEqual({
      keep: 1,
      a: { b: marker, d: marker, e: "s" },
      f: [marker, 2],
    });
    expect(boundJsonDepth([1], 0)).toBe(deeperThanMarker(0));
  });

  it("writes a 100,000-deep value that JSON.stringify alone cannot", () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = JSON.stringify(boundJsonDepth(deep, 64));
    expect(text).toBe(`${'{"a":'.repeat(64)}${JSON.stringify(deeperThanMarker(64))}${"}".repeat(64)}`);
  });

  it("keeps a __proto__ key of a copied object as an ordinary key", () => {
    const value = JSON.parse('{"__proto__":{"x":[[1]]}}');
    expect(JSON.stringify(boundJsonDepth(value, 2))).toBe(
      `{"__proto__":{"x":${JSON.stringify(deeperThanMarker(2))}}}`,
    );
  });
});

describe("readCleanTables with a deeply nested rejected record", () => {
  async function* items(list: SourceItem[]): AsyncIterable<SourceItem> {
    yield* list;
  }

  it("writes the rejection with its issues instead of overflowing the stack", async () => {
    const position = { file: "pinterest_data.ndjson", line: 1, byteOffset: 0 };
    const tables = await readCleanTables(
      items([
        { table: "pin", record: { title: nested(100_000) }, position },
        {
          table: "pin",
          record: { index: 2, title: "ok", category: "art" },
          position: { ...position, line: 2 },
        },
      ]),
    );
    expect(tables.rejected.pin).toHaveLength(1);
    const line = JSON.parse(tables.rejected.pin[0]!);
    expect(line.position).toEqual(position);
    // The record is level 1, so `title` keeps 63 levels of objects before the marker.
    const marker = JSON.stringify(deeperThanMarker(64));
    expect(JSON.stringify(line.raw)).toBe(`{"title":${'{"a":'.repeat(63)}${marker}${"}".repeat(64)}`);
    expect(line.issues).toEqual([{ field: "ind", value: null, rule: "missing_key" }]);
    expect(tables.accounts.pin.counts().rejected).toBe(1);
  });
});
