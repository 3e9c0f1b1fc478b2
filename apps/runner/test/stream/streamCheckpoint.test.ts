import { emptyTableCounts } from "@pinpipe/clean";
import { describe, expect, it } from "vitest";
import {
  addBatchCounts,
  parseStreamCheckpoint,
  STREAM_CHECKPOINT_FORMAT,
  streamCheckpointPath,
  ZERO_TOTALS,
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
  totals: {
    in: 10,
    clean: 8,
    rejected: 2,
    duplicates: 0,
    byReason: { invalid_json: 1, too_long: 0, not_an_object: 0, missing_key: 1, invalid_key: 0 },
    byRule: { invalid_json: 1, missing_key: 1, placeholder: 3 },
    byField: { $: 1, ind: 1, title: 3 },
    late: 1,
    batches: 2,
  },
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
    // Reasons left out of byReason read as 0.
    const { byReason: _, ...rest } = valid.totals;
    const sparse = { ...valid, totals: { ...rest, byReason: { invalid_json: 1, missing_key: 1 } } };
    expect(parse(sparse).totals).toEqual(valid.totals);
  });

  it("add each batch's counts to the totals, reconciled", () => {
    const batch = {
      in: 3,
      clean: 2,
      rejected: 1,
      duplicates: 0,
      byReason: { invalid_json: 0, too_long: 1, not_an_object: 0, missing_key: 0, invalid_key: 0 },
      byRule: { placeholder: 1, too_long: 1 },
      byField: { $: 1, title: 1 },
      late: 2,
    };
    const once = addBatchCounts(ZERO_TOTALS, batch);
    expect(once).toEqual({ ...batch, batches: 1 });
    const twice = addBatchCounts(once, batch);
    expect(twice).toEqual({
      in: 6,
      clean: 4,
      rejected: 2,
      duplicates: 0,
      byReason: { invalid_json: 0, too_long: 2, not_an_object: 0, missing_key: 0, invalid_key: 0 },
      byRule: { placeholder: 2, too_long: 2 },
      byField: { $: 2, title: 2 },
      late: 4,
      batches: 2,
    });
    expect(ZERO_TOTALS).toEqual({ ...emptyTableCounts(), late: 0, batches: 0 });
    // What is written is read back.
    const written = { ...valid, totals: JSON.parse(JSON.stringify(twice)) };
    expect(parse(written).totals).toEqual(twice);
  });

  it("are refused, naming the file and the part, when broken or not this stream's", () => {
    const cases: [unknown, RegExp][] = [
      ['{"format":', /not JSON/],
      [[], /not a JSON object/],
      [{ ...valid, format: "pinpipe-stream-checkpoint/0" }, /format/],
      // A checkpoint of format 1 (totals without the counts shape) is not read as if it were 2.
      [
        {
          ...valid,
          format: "pinpipe-stream-checkpoint/1",
          totals: { records: 10, clean: 9, rejected: 1, late: 0, batches: 2 },
        },
        /format is not pinpipe-stream-checkpoint\/2/,
      ],
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
      [{ ...valid, totals: { ...valid.totals, in: -1 } }, /totals\.in must be a non-negative integer/],
      [{ ...valid, totals: { ...valid.totals, clean: 1.5 } }, /totals\.clean must be/],
      [{ ...valid, totals: { ...valid.totals, late: undefined } }, /totals\.late must be/],
      [{ ...valid, totals: { ...valid.totals, batches: "2" } }, /totals\.batches must be/],
      [{ ...valid, totals: { ...valid.totals, byReason: undefined } }, /totals\.byReason must be an object/],
      [
        { ...valid, totals: { ...valid.totals, byRule: { placeholder: -3 } } },
        /totals\.byRule\.placeholder must be a non-negative integer/,
      ],
      [{ ...valid, totals: { ...valid.totals, byField: [] } }, /totals\.byField/],
      // in = clean + rejected + duplicates, byReason sums to rejected.
      [{ ...valid, totals: { ...valid.totals, in: 11 } }, /totals do not reconcile/],
      [{ ...valid, totals: { ...valid.totals, duplicates: 1 } }, /totals do not reconcile/],
      [
        {
          ...valid,
          totals: { ...valid.totals, byReason: { ...valid.totals.byReason, missing_key: 2 } },
        },
        /totals do not reconcile/,
      ],
      // The old rule undecodable is no reason: its count reconciles with nothing.
      [
        {
          ...valid,
          totals: {
            ...valid.totals,
            byReason: { ...valid.totals.byReason, invalid_json: 0, undecodable: 1 },
          },
        },
        /totals do not reconcile/,
      ],
      [{ ...valid, totals: undefined }, /totals/],
    ];
    for (const [value, reason] of cases) {
      expect(() => parse(value), JSON.stringify(value)).toThrow(reason);
      expect(() => parse(value)).toThrow(/checkpoint cp\.json is invalid/);
    }
  });
});
