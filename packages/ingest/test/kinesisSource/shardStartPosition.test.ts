import { describe, expect, it } from "vitest";
import { type ShardStartPosition, shardIteratorRequest } from "../../src/index";

describe("shardIteratorRequest", () => {
  const base = { StreamName: "pins", ShardId: "shardId-000000000001" };

  it("builds each of the five GetShardIterator requests", () => {
    const at = new Date("2024-05-01T10:00:00Z");
    const sequenceNumber = "49590338271490256608559692538361571095921575989136588898";
    expect(shardIteratorRequest("pins", base.ShardId, { type: "TRIM_HORIZON" })).toEqual({
      ...base,
      ShardIteratorType: "TRIM_HORIZON",
    });
    expect(shardIteratorRequest("pins", base.ShardId, { type: "LATEST" })).toEqual({
      ...base,
      ShardIteratorType: "LATEST",
    });
    expect(shardIteratorRequest("pins", base.ShardId, { type: "AT_TIMESTAMP", timestamp: at })).toEqual({
      ...base,
      ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: at,
    });
    for (const type of ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"] as const) {
      expect(shardIteratorRequest("pins", base.ShardId, { type, sequenceNumber })).toEqual({
        ...base,
        ShardIteratorType: type,
        StartingSequenceNumber: sequenceNumber,
      });
    }
  });

  it.each([
    ["a number", { type: "AT_SEQUENCE_NUMBER", sequenceNumber: 42 }],
    ["a negative string", { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: "-1" }],
    ["a float string", { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: "1.5" }],
    ["129 digits", { type: "AT_SEQUENCE_NUMBER", sequenceNumber: "1".repeat(129) }],
    ["an invalid date", { type: "AT_TIMESTAMP", timestamp: new Date(Number.NaN) }],
    ["a date string", { type: "AT_TIMESTAMP", timestamp: "2024-01-01" }],
    ["an unknown type", { type: "EARLIEST" }],
  ])("rejects %s", (_, position) => {
    expect(() =>
      shardIteratorRequest("pins", base.ShardId, position as unknown as ShardStartPosition),
    ).toThrow(RangeError);
  });
});
