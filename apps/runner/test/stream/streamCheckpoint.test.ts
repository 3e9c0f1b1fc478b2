import { describe, expect, it } from "vitest";
import {
  parseStreamCheckpoint,
  STREAM_CHECKPOINT_FORMAT,
  streamCheckpointPath,
} from "../../src/stream/streamCheckpoint";

const valid = {
  format: STREAM_CHECKPOINT_FORMAT,
  stream: "pinpipe-pin",
  table: "pin",
  start: { type: "TRIM_HORIZON" },
  kinesis: {
    stream: "pinpipe-pin",
    shards: { "shardId-000000000000": { finished: true }, "shardId-000000000001": { sequenceNumber: "42" } },
  },
  windows: { "shardId-000000000001": { pins_per_category_per_minute: { format: "pinpipe.windowOperator" } } },
  totals: { records: 10, clean: 9, rejected: 1, late: 0, batches: 2 },
};
const parse = (value: unknown) =>
  parseStreamCheckpoint(
    typeof value === "string" ? value : JSON.stringify(value),
    "pinpipe-pin",
    "pin",
    "cp.json",
  );

describe("stream checkpoints", () => {
  it("live at stream/checkpoints/<stream>.json", () => {
    expect(streamCheckpointPath("pinpipe-geo")).toBe("stream/checkpoints/pinpipe-geo.json");
  });

  it("read back what was written", () => {
    expect(parse(valid)).toEqual(valid);
    const atTimestamp = { ...valid, start: { type: "AT_TIMESTAMP", timestamp: "2026-11-23T10:00:00.000Z" } };
    expect(parse(atTimestamp).start).toEqual(atTimestamp.start);
  });

  it("are refused, naming the file and the part, when broken or not this stream's", () => {
    const cases: [unknown, RegExp][] = [
      ['{"format":', /not JSON/],
      [[], /not a JSON object/],
      [{ ...valid, format: "pinpipe-stream-checkpoint/0" }, /format/],
      [{ ...valid, stream: "pinpipe-geo" }, /checkpoint of pinpipe-geo/],
      [{ ...valid, table: "geo" }, /table is geo/],
      [{ ...valid, start: { type: "LATEST" } }, /start/],
      [{ ...valid, start: { type: "AT_TIMESTAMP", timestamp: "yesterday" } }, /start/],
      [
        { ...valid, kinesis: { stream: "pinpipe-pin", shards: { s: { sequenceNumber: 42 } } } },
        /decimal string/,
      ],
      [{ ...valid, kinesis: { stream: "other", shards: {} } }, /kinesis.stream/],
      [{ ...valid, windows: { s: 1 } }, /windows/],
      [{ ...valid, totals: { ...valid.totals, records: -1 } }, /totals.records/],
      [{ ...valid, totals: undefined }, /totals/],
    ];
    for (const [value, reason] of cases) {
      expect(() => parse(value), JSON.stringify(value)).toThrow(reason);
      expect(() => parse(value)).toThrow(/checkpoint cp\.json is invalid/);
    }
  });
});
