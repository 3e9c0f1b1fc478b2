import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataFileUri, filePathOfUri, partitionValueText } from "../src/index";

describe("dataFileUri and filePathOfUri", () => {
  it("encode a Hive-escaped folder the way Spark writes it (the escape's % becomes %25)", () => {
    // As in Delta's golden table data-reader-escaped-chars: the value "bar+%21".
    expect(dataFileUri("_2=bar+%2521/part-0.parquet")).toBe("_2=bar+%252521/part-0.parquet");
    expect(dataFileUri("as_timestamp=2021-09-08 11%3A11%3A11/p.parquet")).toBe(
      "as_timestamp=2021-09-08%2011%253A11%253A11/p.parquet",
    );
    expect(dataFileUri("category=ünï/part-00000.parquet")).toBe("category=%C3%BCn%C3%AF/part-00000.parquet");
  });

  it("round-trip any relative path of non-empty segments", () => {
    const segment = fc.string({ unit: "grapheme", minLength: 1 }).filter((s) => !s.includes("/"));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const path = segments.join("/");
        const uri = dataFileUri(path);
        expect(uri.split("/")).toHaveLength(segments.length);
        expect(uri).not.toMatch(/[ #?%](?![0-9A-F]{2})/);
        expect(filePathOfUri(uri)).toBe(path);
      }),
    );
  });

  it("reduce file: URIs to their path", () => {
    expect(filePathOfUri("file:/a/with%20space")).toBe("/a/with space");
    expect(filePathOfUri("file:///a/b")).toBe("/a/b");
    expect(() => filePathOfUri("bad%zz")).toThrow(URIError);
  });
});

describe("partitionValueText", () => {
  it("writes numbers and strings as text and empty or missing values as null", () => {
    expect(partitionValueText(2019)).toBe("2019");
    expect(partitionValueText("a/b")).toBe("a/b");
    expect(partitionValueText("")).toBeNull();
    expect(partitionValueText(null)).toBeNull();
    expect(() => partitionValueText(Number.NaN)).toThrow(RangeError);
  });
});
