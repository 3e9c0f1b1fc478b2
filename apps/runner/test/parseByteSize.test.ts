import { describe, expect, it } from "vitest";
import { CliError } from "../src/command";
import { byteSizeOption, formatByteSize, parseByteSize } from "../src/parseByteSize";

describe("parseByteSize", () => {
  it("reads plain integers as bytes", () => {
    expect(parseByteSize("0")).toBe(0);
    expect(parseByteSize("4096")).toBe(4096);
    expect(parseByteSize(" 17 ")).toBe(17);
  });

  it("reads binary units, in any case, with or without one space", () => {
    expect(parseByteSize("512B")).toBe(512);
    expect(parseByteSize("64KiB")).toBe(64 * 1024);
    expect(parseByteSize("16MiB")).toBe(16 * 1024 * 1024);
    expect(parseByteSize("1GiB")).toBe(1024 ** 3);
    expect(parseByteSize("2TiB")).toBe(2 * 1024 ** 4);
    expect(parseByteSize("16mib")).toBe(16 * 1024 * 1024);
    expect(parseByteSize("1 KiB")).toBe(1024);
  });

  it("refuses decimal units, pointing to the binary ones", () => {
    expect(() => parseByteSize("16MB")).toThrow(/unknown unit "MB" \(write MiB for 1024-based units\)/);
    expect(() => parseByteSize("1kb")).toThrow(/write KiB/);
  });

  it("refuses what is no whole, non-negative byte count", () => {
    for (const text of ["", "KiB", "-1", "1.5MiB", "0x10", "1e6", "16 M iB", "16  MiB", "ten", "1PiB"]) {
      expect(() => parseByteSize(text), text).toThrow(RangeError);
    }
  });

  it("refuses sizes beyond 2^53 - 1 bytes", () => {
    expect(parseByteSize(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseByteSize("9007199254740993")).toThrow(/too large/);
    expect(() => parseByteSize("99999999TiB")).toThrow(/too large/);
  });
});

describe("formatByteSize", () => {
  it("uses the largest unit that divides the size, which parseByteSize reads back", () => {
    for (const [bytes, text] of [
      [1024, "1KiB"],
      [16 * 1024 * 1024, "16MiB"],
      [1024 ** 3, "1GiB"],
      [1536, "1536B"],
      [0, "0B"],
    ] as const) {
      expect(formatByteSize(bytes)).toBe(text);
      expect(parseByteSize(text)).toBe(bytes);
    }
  });
});

describe("byteSizeOption", () => {
  const usage = (value: string) => {
    try {
      byteSizeOption("batch", "max-line-bytes", value, 1, 256 * 1024 * 1024, 16);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it("gives the fallback when the option is absent and the size otherwise", () => {
    expect(byteSizeOption("batch", "max-line-bytes", undefined, 1, 1024, 16)).toBe(16);
    expect(byteSizeOption("batch", "max-line-bytes", "1KiB", 1, 1024, 16)).toBe(1024);
  });

  it("is a usage error (exit code 2) naming the command and option for a bad or out-of-range value", () => {
    const bad = usage("16MB");
    expect(bad).toBeInstanceOf(CliError);
    expect((bad as CliError).exitCode).toBe(2);
    expect((bad as CliError).message).toMatch(/^pinpipe batch: --max-line-bytes: "16MB" has an unknown unit/);
    const outside = usage("1GiB") as CliError;
    expect(outside.exitCode).toBe(2);
    expect(outside.message).toBe('pinpipe batch: --max-line-bytes must be from 1B to 256MiB, got "1GiB"');
    expect((usage("0") as CliError).message).toMatch(/must be from 1B to 256MiB/);
  });
});
