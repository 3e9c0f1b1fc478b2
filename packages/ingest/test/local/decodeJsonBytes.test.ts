import { describe, expect, it } from "vitest";
import { decodeJsonBytes } from "../../src/local/decodeJsonBytes";

const decode = (text: string) => decodeJsonBytes(Buffer.from(text));

describe("decodeJsonBytes", () => {
  it("hands an inexact key over as its literal, so the cleaners can reject it", () => {
    expect(decode('{"ind":1e-400,"age":3}')).toEqual({ ok: true, value: { ind: "1e-400", age: 3 } });
    expect(decode('{"index": 9007199254740990.9}')).toEqual({
      ok: true,
      value: { index: "9007199254740990.9" },
    });
  });

  it("keeps exact keys as the numbers JSON.parse made", () => {
    expect(decode('{"ind":1e2}')).toEqual({ ok: true, value: { ind: 100 } });
    expect(decode('{"ind":0e-400}')).toEqual({ ok: true, value: { ind: 0 } });
    expect(decode('{"index":7,"title":"1e-400"}')).toEqual({
      ok: true,
      value: { index: 7, title: "1e-400" },
    });
  });

  it("still reports bytes that are not UTF-8 JSON", () => {
    expect(decodeJsonBytes(Buffer.from([0xff]))).toEqual({ ok: false, reason: "invalid UTF-8" });
    const result = decode('{"ind":1e-400');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^invalid JSON: /);
  });
});
