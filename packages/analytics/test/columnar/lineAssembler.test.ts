import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineAssembler } from "../../src/columnar";
import { cutAt } from "./rawLineArbitraries";

// ignoreBOM keeps a U+FEFF the assembler passed on, so the tests see it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

function collect(chunks: readonly Uint8Array[], maxLineBytes?: number, tooLong?: () => void): string[] {
  const lines: string[] = [];
  const options = maxLineBytes === undefined ? {} : { maxLineBytes, onTooLong: tooLong ?? (() => {}) };
  const assembler = new LineAssembler((bytes, start, end) => {
    lines.push(...decoder.decode(bytes.subarray(start, end)).split("\n"));
  }, options);
  for (const chunk of chunks) assembler.push(chunk);
  assembler.end();
  return lines;
}

describe("LineAssembler", () => {
  it("gives the same lines wherever the stream is cut (an empty last line is no line)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: "grapheme", maxLength: 300 }).map((s) => s.replaceAll("\n", "")),
          { minLength: 1 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        (lines, cuts) => {
          const bytes = new TextEncoder().encode(lines.join("\n"));
          const expected = lines.at(-1) === "" ? lines.slice(0, -1) : lines;
          expect(collect(cutAt(bytes, cuts))).toEqual(expected);
        },
      ),
    );
  });

  it("drops a byte order mark at the start of each stream only, even cut in pieces", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const text = new TextEncoder().encode('{"a":1}\n\ufeff{"b":2}');
    const stream = new Uint8Array([...bom, ...text]);
    expect(collect([stream.subarray(0, 1), stream.subarray(1, 2), stream.subarray(2)])).toEqual([
      '{"a":1}',
      '\ufeff{"b":2}',
    ]);
  });

  it("emits a last line without a newline, and lines longer than its buffer", () => {
    const long = "x".repeat(200_000);
    const bytes = new TextEncoder().encode(`a\n${long}\nb`);
    expect(collect(cutAt(bytes, [1, 5, 100_000]))).toEqual(["a", long, "b"]);
  });

  it("skips lines that grow past the limit across chunks, and reports each once", () => {
    const bytes = new TextEncoder().encode(`short\n${"x".repeat(50)}\nok\n${"y".repeat(30)}`);
    let skipped = 0;
    const chunks = cutAt(bytes, [3, 8, 20, 40, 57, 61, 70]);
    expect(collect(chunks, 12, () => skipped++)).toEqual(["short", "ok"]);
    expect(skipped).toBe(2);
  });
});
