import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ArraySplitItem, createJsonArraySplitter } from "../../src/index";

function splitAll(bytes: Buffer, cuts: readonly number[], maxElementBytes = 1 << 20): ArraySplitItem[] {
  const splitter = createJsonArraySplitter({ maxElementBytes });
  const items: ArraySplitItem[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    items.push(...splitter.push(bytes.subarray(start, cut)));
    start = cut;
  }
  items.push(...splitter.push(bytes.subarray(start)), ...splitter.end());
  return items;
}

const texts = (items: readonly ArraySplitItem[]): unknown[] =>
  items.map((item) => (item.kind === "line" ? item.bytes.toString("utf8") : item.kind));

describe("createJsonArraySplitter", () => {
  it("yields each top-level element, ignoring commas and brackets inside strings and nesting", () => {
    const items = splitAll(Buffer.from('[ {"a":"x,]}\\"[","b":[1,{"c":2}]}, 3 ,"s",null ]\n'), []);
    expect(texts(items).map((t) => JSON.parse(t as string))).toEqual([
      { a: 'x,]}"[', b: [1, { c: 2 }] },
      3,
      "s",
      null,
    ]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
    expect(items[0]!.byteOffset).toBe(2);
  });

  it("accepts an empty array, a byte order mark and surrounding whitespace", () => {
    expect(splitAll(Buffer.from(" [ ] \n"), [])).toEqual([]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"x":1}]')]);
    expect(texts(splitAll(bom, []))).toEqual(['{"x":1}']);
  });

  it.each([
    ['{"not":"an array"}', "not a JSON array"],
    ["[1,2", "unterminated JSON array"],
    ["[1,,2]", "missing array element"],
    ["[1,]", "missing array element"],
    ["[1] 2", "unexpected data after the end"],
  ])("reports %j as a structural error", (text, reason) => {
    const items = splitAll(Buffer.from(text), []);
    const errors = items.filter((i) => i.kind === "error");
    expect(errors).toHaveLength(1);
    expect((errors[0] as { reason: string }).reason).toContain(reason);
  });

  it("reports an over-long element, discards it, and keeps the next one", () => {
    const items = splitAll(Buffer.from(`["${"y".repeat(40)}",{"ok":true}]`), [10, 20], 16);
    expect(items[0]).toMatchObject({ kind: "too-long", byteLength: 42, line: 1, byteOffset: 1 });
    expect(items[1]).toMatchObject({ kind: "line", line: 2 });
    expect(JSON.parse((items[1] as { bytes: Buffer }).bytes.toString())).toEqual({ ok: true });
  });

  it("splits any JSON array into its elements, however it is cut into chunks (property)", () => {
    const arrays = fc.array(fc.jsonValue(), { maxLength: 12 }).chain((values) => {
      const bytes = Buffer.from(JSON.stringify(values, null, values.length % 2 === 0 ? 0 : 1), "utf8");
      return fc.tuple(
        fc.constant({ values, bytes }),
        fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 10 }),
      );
    });
    fc.assert(
      fc.property(arrays, ([{ values, bytes }, cuts]) => {
        const items = splitAll(bytes, cuts);
        expect(items.every((i) => i.kind === "line")).toBe(true);
        // Compare through JSON text: -0 and 0 serialize alike.
        expect(JSON.stringify(texts(items).map((t) => JSON.parse(t as string)))).toBe(JSON.stringify(values));
      }),
      { numRuns: 200 },
    );
  });
});
