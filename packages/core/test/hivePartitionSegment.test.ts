import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HIVE_DEFAULT_PARTITION, hivePartitionSegment, MAX_SEGMENT_BYTES } from "../src/index";

describe("hivePartitionSegment", () => {
  it("writes plain values as they are, numbers included", () => {
    expect(hivePartitionSegment("category", "art")).toBe("category=art");
    expect(hivePartitionSegment("category", "diy-and-crafts")).toBe("category=diy-and-crafts");
    expect(hivePartitionSegment("post_year", 2019)).toBe("post_year=2019");
    expect(hivePartitionSegment("category", "ünï cøde")).toBe("category=ünï cøde");
  });

  it("writes null and empty values as Hive's default partition", () => {
    expect(HIVE_DEFAULT_PARTITION).toBe("__HIVE_DEFAULT_PARTITION__");
    expect(hivePartitionSegment("join_year", null)).toBe("join_year=__HIVE_DEFAULT_PARTITION__");
    expect(hivePartitionSegment("category", "")).toBe("category=__HIVE_DEFAULT_PARTITION__");
  });

  it("percent-escapes the characters Hive escapes, so a value stays one path segment", () => {
    expect(hivePartitionSegment("category", "a/b")).toBe("category=a%2Fb");
    expect(hivePartitionSegment("category", "..")).toBe("category=..");
    expect(hivePartitionSegment("category", "../../etc")).toBe("category=..%2F..%2Fetc");
    expect(hivePartitionSegment("c", `"#%'*:=?\\{[]^`)).toBe("c=%22%23%25%27%2A%3A%3D%3F%5C%7B%5B%5D%5E");
    expect(hivePartitionSegment("c", "tab\there\u007f")).toBe("c=tab%09here%7F");
    expect(hivePartitionSegment("c", "a b,c;d&e+f~g")).toBe("c=a b,c;d&e+f~g");
  });
});

describe("hivePartitionSegment with values too long for one folder name", () => {
  const bytes = (text: string): number => Buffer.byteLength(text, "utf8");
  const sha256Prefix = (text: string): string =>
    createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);

  it("keeps names up to the bound as they are", () => {
    const value = "x".repeat(MAX_SEGMENT_BYTES - "category=".length);
    expect(hivePartitionSegment("category", value)).toBe(`category=${value}`);
  });

  it("shortens a longer name to a prefix, `~` and 16 hex digits of the value's SHA-256", () => {
    const value = "x".repeat(300);
    const segment = hivePartitionSegment("category", value);
    expect(bytes(segment)).toBe(MAX_SEGMENT_BYTES);
    expect(segment).toBe(`category=${"x".repeat(MAX_SEGMENT_BYTES - 9 - 17)}~${sha256Prefix(value)}`);
    expect(hivePartitionSegment("category", value)).toBe(segment);
  });

  it("gives long values that share the kept prefix different names", () => {
    const a = hivePartitionSegment("category", `${"x".repeat(300)}a`);
    const b = hivePartitionSegment("category", `${"x".repeat(300)}b`);
    expect(a).not.toBe(b);
    expect(a.slice(0, -16)).toBe(b.slice(0, -16));
  });

  it("never cuts inside an escape or a multi-byte character", () => {
    for (const value of ["/".repeat(100), "é".repeat(150), "😀".repeat(80), `a${"%".repeat(99)}`]) {
      const segment = hivePartitionSegment("category", value);
      expect(bytes(segment), value).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
      const prefix = segment.slice("category=".length, -17);
      expect(segment.endsWith(`~${sha256Prefix(value)}`)).toBe(true);
      // The prefix decodes back to the start of the value: whole escapes and whole characters only.
      expect(value.startsWith(decodeURIComponent(prefix)), value).toBe(true);
      expect(prefix).not.toContain("\uFFFD");
    }
  });

  it("stays one path segment and within the bound for any value (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (value) => {
        const segment = hivePartitionSegment("category", value);
        expect(bytes(segment)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
        expect(segment).not.toContain("/");
        expect(segment.startsWith("category=")).toBe(true);
      }),
    );
  });
});
