import { describe, expect, it } from "vitest";
import { explicitHashKeyProblem, hasKplMagic, kinesisDataBytes, partitionKeyProblem } from "../../src/index";

describe("Kinesis key and data checks", () => {
  it("partition keys: 1 to 256 characters of well-formed Unicode", () => {
    expect(partitionKeyProblem("partition-1")).toBeNull();
    expect(partitionKeyProblem("😀".repeat(256))).toBeNull();
    expect(partitionKeyProblem("😀".repeat(257))).toBe("partition key is longer than 256 characters");
    expect(partitionKeyProblem("")).toBe("partition key is empty");
    expect(partitionKeyProblem("\udbff")).toBe("partition key has an unpaired surrogate");
    expect(partitionKeyProblem(5)).toBe("partition key is not a string");
  });

  it("explicit hash keys: decimal integers from 0 to 2^128 - 1", () => {
    expect(explicitHashKeyProblem("0")).toBeNull();
    expect(explicitHashKeyProblem((2n ** 128n - 1n).toString())).toBeNull();
    expect(explicitHashKeyProblem((2n ** 128n).toString())).toBe("explicit hash key exceeds 2^128 - 1");
    for (const bad of ["", "01", "-1", "1.5", " 1", 1, null]) {
      expect(explicitHashKeyProblem(bad)).toBe("explicit hash key is not a decimal integer");
    }
  });

  it("Data: bytes as they are, base64 strictly decoded", () => {
    const bytes = Uint8Array.of(1, 2, 3);
    expect(kinesisDataBytes(bytes)).toEqual({ ok: true, value: bytes });
    expect(kinesisDataBytes("AQID")).toEqual({ ok: true, value: bytes });
    expect(kinesisDataBytes("")).toEqual({ ok: true, value: new Uint8Array() });
    for (const bad of ["AQI", "AQ-D", "A===", "AQID\n"]) {
      expect(kinesisDataBytes(bad)).toEqual({ ok: false, reason: "Data is not valid base64" });
    }
    expect(kinesisDataBytes([1, 2] as never)).toEqual({
      ok: false,
      reason: "Data is neither bytes nor a base64 string",
    });
  });

  it("KPL magic: only the four exact leading bytes", () => {
    expect(hasKplMagic(Uint8Array.of(0xf3, 0x89, 0x9a, 0xc2, 0))).toBe(true);
    expect(hasKplMagic(Uint8Array.of(0xf3, 0x89, 0x9a))).toBe(false);
    expect(hasKplMagic(Uint8Array.of(0xf3, 0x89, 0x9a, 0xc3))).toBe(false);
    expect(hasKplMagic(new Uint8Array())).toBe(false);
  });
});
