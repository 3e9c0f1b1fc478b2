import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLineSplitter, type SplitItem } from "../../src/index";

/** Feeds `bytes` in chunks cut at `cuts` and returns every item, as plain data. */
function splitAll(bytes: Buffer, cuts: readonly number[], maxLineBytes = 1 << 20): unknown[] {
  const splitter = createLineSplitter({ maxLineBytes });
  const items: SplitItem[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    items.push(...splitter.push(bytes.subarray(start, cut)));
    start = cut;
  }
  items.push(...splitter.push(bytes.subarray(start)), ...splitter.end());
  return items.map((item) =>
    item.kind === "line" ? { ...item, bytes: item.bytes.toString("utf8") } : { ...item },
  );
}

describe("createLineSplitter", () => {
  it("splits LF and CRLF lines, keeps a last line without newline, and gives 1-based lines with byte offsets", () => {
    const items = splitAll(Buffer.from('{"a":1}\r\n\n{"b":2}\n{"c":3}'), []);
    expect(items).toEqual([
      { kind: "line", bytes: '{"a":1}', line: 1, byteOffset: 0 },
      { kind: "line", bytes: "", line: 2, byteOffset: 9 },
      { kind: "line", bytes: '{"b":2}', line: 3, byteOffset: 10 },
      { kind: "line", bytes: '{"c":3}', line: 4, byteOffset: 18 },
    ]);
  });

  it("emits nothing more for a trailing newline and nothing at all for empty input", () => {
    expect(splitAll(Buffer.from("x\n"), [])).toEqual([{ kind: "line", bytes: "x", line: 1, byteOffset: 0 }]);
    expect(splitAll(Buffer.alloc(0), [])).toEqual([]);
  });

  it("drops a UTF-8 byte order mark at the start, even when it is split across chunks", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("é1\nx")]);
    const expected = [
      { kind: "line", bytes: "é1", line: 1, byteOffset: 3 },
      { kind: "line", bytes: "x", line: 2, byteOffset: 7 },
    ];
    expect(splitAll(bytes, [])).toEqual(expected);
    expect(splitAll(bytes, [1, 2])).toEqual(expected);
  });

  it("reports an over-long line with its full length, skips it, and goes on with the next line", () => {
    const long = "x".repeat(50);
    const items = splitAll(Buffer.from(`ok\n${long}\r\nnext`), [5, 20, 40], 10);
    expect(items).toEqual([
      { kind: "line", bytes: "ok", line: 1, byteOffset: 0 },
      { kind: "too-long", byteLength: 51, line: 2, byteOffset: 3 },
      { kind: "line", bytes: "next", line: 3, byteOffset: 55 },
    ]);
    expect(splitAll(Buffer.from(long), [7], 10)).toEqual([
      { kind: "too-long", byteLength: 50, line: 1, byteOffset: 0 },
    ]);
  });

  it("accepts a line of exactly maxLineBytes", () => {
    expect(splitAll(Buffer.from("abcde\n"), [2], 5)).toEqual([
      { kind: "line", bytes: "abcde", line: 1, byteOffset: 0 },
    ]);
  });

  it("gives the items a plain split predicts, however the stream is cut into chunks (property)", () => {
    const content = fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replace(/[\r\n\uFEFF]/g, ""));
    const input = fc.record({
      lines: fc.array(fc.record({ content, crlf: fc.boolean() }), { maxLength: 30 }),
      trailingNewline: fc.boolean(),
      maxLineBytes: fc.integer({ min: 1, max: 60 }),
    });
    const withCuts = input.chain((i) => {
      const parts = i.lines.map((l, k) => {
        const last = k === i.lines.length - 1 && !i.trailingNewline;
        return { ...l, terminator: last ? "" : l.crlf ? "\r\n" : "\n" };
      });
      const bytes = Buffer.from(parts.map((p) => p.content + p.terminator).join(""), "utf8");
      return fc.tuple(
        fc.constant({ parts, bytes, maxLineBytes: i.maxLineBytes }),
        fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }),
      );
    });
    fc.assert(
      fc.property(withCuts, ([{ parts, bytes, maxLineBytes }, cuts]) => {
        // Oracle: offsets and sizes computed from the parts; the CR of CRLF counts toward the limit.
        const expected: unknown[] = [];
        let offset = 0;
        parts.forEach((part, k) => {
          const size = Buffer.byteLength(part.content);
          const counted = size + (part.terminator === "\r\n" ? 1 : 0);
          const isEmptyLast = part.terminator === "" && size === 0;
          if (!isEmptyLast) {
            expected.push(
              counted > maxLineBytes
                ? { kind: "too-long", byteLength: counted, line: k + 1, byteOffset: offset }
                : { kind: "line", bytes: part.content, line: k + 1, byteOffset: offset },
            );
          }
          offset += size + Buffer.byteLength(part.terminator);
        });
        expect(splitAll(bytes, cuts, maxLineBytes)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
