import { describe, expect, it } from "vitest";
import { commitText, DeltaLogError, parseCommit, parseLogFileName } from "../src/index";

describe("parseCommit", () => {
  it("reads back what commitText writes", () => {
    const actions = [
      { txn: { appId: "stream-pin", version: 4, lastUpdated: 5 } },
      { add: { path: "a.parquet", partitionValues: {}, size: 10, modificationTime: 1, dataChange: true } },
      { commitInfo: { operation: "WRITE" } },
    ];
    expect(parseCommit(commitText(actions), "x")).toEqual(actions);
  });

  it("refuses a truncated, empty or malformed commit, naming the file and line", () => {
    const text = commitText([{ commitInfo: { a: 1 } }, { txn: { appId: "a", version: 1 } }]);
    expect(() => parseCommit(text.slice(0, -5), "00.json")).toThrow(/00\.json line 2 is not valid JSON/);
    expect(() => parseCommit("", "00.json")).toThrow(DeltaLogError);
    expect(() => parseCommit('{"add":{"path":"x"}}', "00.json")).toThrow(/add without partitionValues/);
    expect(() => parseCommit('{"protocol":{"minReaderVersion":1}}', "00.json")).toThrow(/protocol without/);
    expect(() => parseCommit("[1]", "00.json")).toThrow(/not a JSON object/);
  });
});

describe("parseLogFileName", () => {
  it("tells commits, classic and multi-part checkpoints from other files", () => {
    expect(parseLogFileName("00000000000000000007.json")).toEqual({ kind: "commit", version: 7 });
    expect(parseLogFileName("00000000000000000010.checkpoint.parquet")).toEqual({
      kind: "checkpoint",
      version: 10,
      part: 1,
      parts: 1,
    });
    expect(parseLogFileName("00000000000000000010.checkpoint.0000000002.0000000003.parquet")).toEqual({
      kind: "checkpoint",
      version: 10,
      part: 2,
      parts: 3,
    });
    for (const name of [
      "_last_checkpoint",
      "00000000000000000007.json.tmp-abc",
      "00000000000000000007.crc",
    ]) {
      expect(parseLogFileName(name)).toEqual({ kind: "other" });
    }
  });
});
