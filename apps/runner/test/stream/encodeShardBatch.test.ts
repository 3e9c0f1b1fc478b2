import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { encodeShardBatch } from "../../src/stream/encodeShardBatch";
import { createPostsWindowOperator, STREAM_AGGREGATES } from "../../src/stream/streamAggregates";
import { kinesisItems } from "./kinesisItems";

const countries = STREAM_AGGREGATES.find((a) => a.name === "posts_per_country_per_minute")!;
const geo = (ind: number, country: string | null) => ({
  ind,
  timestamp: "2020-01-01 00:00:00",
  latitude: 1.5,
  longitude: 2.5,
  country,
});
const text = (body: Uint8Array | string) =>
  typeof body === "string" ? body : new TextDecoder().decode(body);

describe("encodeShardBatch", () => {
  const items = kinesisItems(
    [
      geo(3, "Chad"),
      { error: "data is not JSON" },
      geo(1, "Peru"),
      { country: "Chad" },
      geo(2, "Chad"),
      geo(4, null),
    ],
    { firstSequence: 100n, shardId: "shardId-000000000007" },
  );
  const operator = createPostsWindowOperator();
  const { files, counts } = encodeShardBatch({
    table: "geo",
    shardId: "shardId-000000000007",
    items,
    aggregates: [{ aggregate: countries, operator }],
  });
  const byPath = new Map(files.map((file) => [file.path, file.body]));
  const name = "shard=shardId-000000000007/100_150";

  it("names every file after the shard and the first and last sequence numbers of the batch", () => {
    expect([...byPath.keys()].sort()).toEqual([
      `stream/aggregates/posts_per_country_per_minute/${name}.ndjson`,
      `stream/rejected/geo/${name}.ndjson`,
      `stream/tables/geo/${name}.parquet`,
    ]);
    expect(counts).toEqual({ records: 6, clean: 4, rejected: 2, late: 0 });
  });

  it("writes the clean records to Parquet in shard order", async () => {
    const body = byPath.get(`stream/tables/geo/${name}.parquet`) as Uint8Array;
    const rows = await parquetReadObjects({ file: body.slice().buffer });
    expect(rows.map((row) => Number(row.ind))).toEqual([3, 1, 2, 4]);
    expect(rows[0]).toMatchObject({ country: "Chad", coordinates: [1.5, 2.5] });
    expect(rows[3]?.country).toBeNull();
  });

  it("writes each rejected record with its source position and the issues", () => {
    const lines = text(byPath.get(`stream/rejected/geo/${name}.ndjson`)!)
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      position: {
        stream: "pinpipe-geo",
        shardId: "shardId-000000000007",
        sequenceNumber: "110",
        partitionKey: "1",
        arrivalTime: "2026-11-23T10:00:01.000Z",
      },
      raw: null,
      issues: [{ field: "$", value: "data is not JSON", rule: "undecodable" }],
    });
    expect(lines[1].raw).toEqual({ country: "Chad" });
    expect(lines[1].issues).toContainEqual(expect.objectContaining({ rule: "missing_key" }));
    expect(lines[1].position.sequenceNumber).toBe("130");
  });

  it("writes the latest revision of each window per key, an unknown country under (unknown)", () => {
    const lines = text(byPath.get(`stream/aggregates/posts_per_country_per_minute/${name}.ndjson`)!)
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const posts = Object.fromEntries(lines.map((line) => [line.key, line.posts]));
    expect(posts).toEqual({ Chad: 2, Peru: 1, "(unknown)": 1 });
    for (const line of lines) {
      expect(line.windowStart).toBe("2026-11-23T10:00:00.000Z");
      expect(line.windowEnd).toBe("2026-11-23T10:01:00.000Z");
      expect(line.final).toBe(false);
    }
    expect(lines.find((line) => line.key === "Chad").revision).toBe(1);
  });

  it("continues the shard's windows in the next batch and closes them once time moves on", () => {
    const next = kinesisItems([geo(5, "Chad")], {
      firstSequence: 200n,
      shardId: "shardId-000000000007",
      arrival: Date.UTC(2026, 10, 23, 10, 2, 0),
    });
    const { files: nextFiles } = encodeShardBatch({
      table: "geo",
      shardId: "shardId-000000000007",
      items: next,
      aggregates: [{ aggregate: countries, operator }],
    });
    const aggregates = nextFiles.find((file) => file.path.startsWith("stream/aggregates/"))!;
    const lines = text(aggregates.body)
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toContainEqual(
      expect.objectContaining({
        key: "Chad",
        windowStart: "2026-11-23T10:00:00.000Z",
        posts: 2,
        final: true,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        key: "Chad",
        windowStart: "2026-11-23T10:02:00.000Z",
        posts: 1,
        final: false,
      }),
    );
  });

  it("writes no Parquet file for a batch without clean records", () => {
    const { files: only } = encodeShardBatch({
      table: "pin",
      shardId: "s",
      items: kinesisItems([{ error: "bad" }], { stream: "pinpipe-pin", shardId: "s" }),
      aggregates: [],
    });
    expect(only.map((file) => file.path)).toEqual([
      "stream/rejected/pin/shard=s/49000000000000000000_49000000000000000000.ndjson",
    ]);
  });

  it("refuses an empty batch", () => {
    expect(() => encodeShardBatch({ table: "user", shardId: "s", items: [], aggregates: [] })).toThrow(
      RangeError,
    );
  });
});
