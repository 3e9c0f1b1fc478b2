import { describe, expect, it } from "vitest";
import { decodeSplitItem } from "../../src/local/decodeSplitItem";

const line = (text: string) => ({ kind: "line", bytes: Buffer.from(text), line: 1, byteOffset: 0 }) as const;

describe("decodeSplitItem", () => {
  it("decodes a line's JSON value", () => {
    expect(decodeSplitItem(line('{"ind":7}'), 64)).toEqual({ ok: true, value: { ind: 7 } });
    expect(decodeSplitItem(line("[1]"), 64)).toEqual({ ok: true, value: [1] });
  });

  it("skips empty and whitespace-only lines", () => {
    expect(decodeSplitItem(line(""), 64)).toBeUndefined();
    expect(decodeSplitItem(line(" \t\r"), 64)).toBeUndefined();
  });

  it("gives the reason for invalid JSON, invalid UTF-8 and an over-long record", () => {
    expect(decodeSplitItem(line("{not json"), 64)).toMatchObject({ ok: false, reason: /^invalid JSON: / });
    const invalidUtf8 = {
      kind: "line",
      bytes: Buffer.from([0x7b, 0xff, 0x7d]),
      line: 2,
      byteOffset: 5,
    } as const;
    expect(decodeSplitItem(invalidUtf8, 64)).toEqual({ ok: false, reason: "invalid UTF-8" });
    expect(decodeSplitItem({ kind: "too-long", byteLength: 100, line: 3, byteOffset: 9 }, 64)).toEqual({
      ok: false,
      reason: "record longer than maxLineBytes (64): 100 bytes, skipped",
    });
  });
});
