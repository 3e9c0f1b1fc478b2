import { describe, expect, it } from "vitest";
import { parseStorageLocation } from "../../src/output/index";

describe("parseStorageLocation", () => {
  it("parses s3:// URLs into bucket and prefix without a trailing slash", () => {
    expect(parseStorageLocation("s3://lake/raw/", "/w")).toEqual({
      kind: "s3",
      bucket: "lake",
      prefix: "raw",
    });
    expect(parseStorageLocation("s3://lake/a/b", "/w")).toEqual({
      kind: "s3",
      bucket: "lake",
      prefix: "a/b",
    });
    expect(parseStorageLocation("s3://lake", "/w")).toEqual({ kind: "s3", bucket: "lake", prefix: "" });
    expect(parseStorageLocation("S3://lake/", "/w")).toEqual({ kind: "s3", bucket: "lake", prefix: "" });
  });

  it("resolves local paths against cwd", () => {
    expect(parseStorageLocation("out", "/home/me")).toEqual({ kind: "local", path: "/home/me/out" });
    expect(parseStorageLocation("/data/raw/", "/home/me")).toEqual({ kind: "local", path: "/data/raw" });
  });

  it.each([
    ["s3://", /bucket name/],
    ["s3://UPPER/x", /bucket name/],
    ["s3://a/x", /bucket name/],
    ["s3://lake/../x", /unsafe S3 prefix/],
    ["s3://lake//x", /unsafe S3 prefix/],
    ["", /must not be empty/],
  ])("rejects %j", (text, message) => {
    expect(() => parseStorageLocation(text, "/w")).toThrow(message);
  });
});
