import { generatePosts } from "@pinpipe/ingest";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
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
/** The lines of an NDJSON file, parsed, checking every line (the last too) ends with a newline. */
const ndjson = (body: Uint8Array | string) => {
  const all = text(body);
  expect(all.endsWith("\n")).toBe(true);
  return all
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line));
};
const zeroReasons = { invalid_json: 0, too_long: 0, not_an_object: 0, missing_key: 0, invalid_key: 0 };
/** What a geo record of `geo()` is sent as, byte for byte. */
const NOT_JSON = '{"ind": 5, "country": ';

describe("encodeShardBatch", () => {
  const items = kinesisItems(
    [
      geo(3, "Chad"),
      { error: "not valid JSON (Unexpected end of JSON input)", data: NOT_JSON },
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
    expect(counts).toEqual({
      in: 6,
      clean: 4,
      rejected: 2,
      duplicates: 0,
      byReason: { ...zeroReasons, invalid_json: 1, missing_key: 1 },
      byRule: { invalid_json: 1, missing_key: 1 },
      byField: { $: 1, ind: 1 },
      late: 0,
    });
  });

  it("writes the clean records to Parquet in shard order", async () => {
    const body = byPath.get(`stream/tables/geo/${name}.parquet`) as Uint8Array;
    const rows = await parquetReadObjects({ file: body.slice().buffer });
    expect(rows.map((row) => Number(row.ind))).toEqual([3, 1, 2, 4]);
    expect(rows[0]).toMatchObject({ country: "Chad", coordinates: [1.5, 2.5] });
    expect(rows[3]?.country).toBeNull();
  });

  it("writes batch's Parquet columns for every table", async () => {
    const posts = [...generatePosts({ seed: 3, count: 3 })];
    const schemaOf = (table: "pin" | "geo" | "user") => {
      const { files: only } = encodeShardBatch({
        table,
        shardId: "s",
        items: kinesisItems(posts.map((post) => post[table] as unknown as Record<string, unknown>)),
        aggregates: [],
      });
      expect(only).toHaveLength(1);
      const body = only[0]!.body as Uint8Array;
      return {
        body,
        schema: parquetMetadata(body.slice().buffer)
          .schema.slice(1)
          .map((element) => [
            element.name,
            element.type ?? null,
            element.repetition_type,
            element.logical_type ?? null,
          ]),
      };
    };
    const utf8 = (name: string) => [name, "BYTE_ARRAY", "OPTIONAL", { type: "STRING" }];
    const micros = (name: string) => [
      name,
      "INT64",
      "OPTIONAL",
      { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MICROS" },
    ];
    const ind = ["ind", "INT64", "REQUIRED", null];
    expect(schemaOf("pin").schema).toEqual([
      ind,
      utf8("unique_id"),
      utf8("title"),
      utf8("description"),
      ["follower_count", "INT64", "OPTIONAL", null],
      utf8("poster_name"),
      utf8("tag_list"),
      utf8("is_image_or_video"),
      utf8("image_src"),
      utf8("save_location"),
      utf8("category"),
    ]);
    expect(schemaOf("geo").schema).toEqual([
      ind,
      utf8("country"),
      ["coordinates", null, "OPTIONAL", { type: "LIST" }],
      ["list", null, "REPEATED", null],
      ["element", "DOUBLE", "REQUIRED", null],
      micros("timestamp"),
    ]);
    const user = schemaOf("user");
    expect(user.schema).toEqual([
      ind,
      utf8("user_name"),
      ["age", "INT32", "OPTIONAL", { type: "INTEGER", bitWidth: 32, isSigned: true }],
      micros("date_joined"),
    ]);
    const users = await parquetReadObjects({ file: user.body.slice().buffer });
    expect(users.map((row) => row.ind)).toEqual([0n, 1n, 2n]);
    expect(users.map((row) => (row.date_joined as Date).toISOString())).toEqual(
      posts.map((post) => `${post.user.date_joined.replace(" ", "T")}.000Z`),
    );
  });

  it("writes each rejected record with its source position, reason, exact bytes and issues", () => {
    const lines = ndjson(byPath.get(`stream/rejected/geo/${name}.ndjson`)!);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      position: {
        stream: "pinpipe-geo",
        shardId: "shardId-000000000007",
        sequenceNumber: "110",
        partitionKey: "1",
        arrivalTime: "2026-11-23T10:00:01.000Z",
      },
      reason: "invalid_json",
      raw: NOT_JSON,
      rawEncoding: "text",
      issues: [{ field: "$", value: expect.stringMatching(/\S/), rule: "invalid_json" }],
    });
    expect(lines[1]).toEqual({
      position: {
        stream: "pinpipe-geo",
        shardId: "shardId-000000000007",
        sequenceNumber: "130",
        partitionKey: "3",
        arrivalTime: "2026-11-23T10:00:03.000Z",
      },
      reason: "missing_key",
      raw: '{"country":"Chad"}',
      rawEncoding: "text",
      issues: [{ field: "ind", value: null, rule: "missing_key" }],
    });
  });

  it("writes the latest revision of each window per key, an unknown country under (unknown)", () => {
    const lines = ndjson(byPath.get(`stream/aggregates/posts_per_country_per_minute/${name}.ndjson`)!);
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
    const { files: only, counts: none } = encodeShardBatch({
      table: "pin",
      shardId: "s",
      items: kinesisItems([{ error: "bad" }], { stream: "pinpipe-pin", shardId: "s" }),
      aggregates: [],
    });
    expect(only.map((file) => file.path)).toEqual([
      "stream/rejected/pin/shard=s/49000000000000000000_49000000000000000000.ndjson",
    ]);
    // A record with no bytes that could not be read: invalid_json, nothing to keep.
    expect(ndjson(only[0]!.body)).toEqual([
      expect.objectContaining({
        reason: "invalid_json",
        raw: null,
        rawEncoding: null,
        issues: [{ field: "$", value: "bad", rule: "invalid_json" }],
      }),
    ]);
    expect(none).toMatchObject({
      in: 1,
      clean: 0,
      rejected: 1,
      byReason: { ...zeroReasons, invalid_json: 1 },
    });
  });

  it("writes the position of a user record of a KPL aggregate with its subsequence number", () => {
    const [item] = kinesisItems([{ country: "Peru" }], { stream: "pinpipe-geo", shardId: "s" });
    const { files: only } = encodeShardBatch({
      table: "geo",
      shardId: "s",
      items: [{ ...item!, subSequenceNumber: 2 }],
      aggregates: [],
    });
    expect(only.map((file) => file.path)).toEqual([
      "stream/rejected/geo/shard=s/49000000000000000000.2_49000000000000000000.2.ndjson",
    ]);
    expect(ndjson(only[0]!.body)[0].position).toEqual({
      stream: "pinpipe-geo",
      shardId: "s",
      sequenceNumber: "49000000000000000000",
      subSequenceNumber: 2,
      partitionKey: "0",
      arrivalTime: "2026-11-23T10:00:00.000Z",
    });
  });

  it("refuses an empty batch", () => {
    expect(() => encodeShardBatch({ table: "user", shardId: "s", items: [], aggregates: [] })).toThrow(
      RangeError,
    );
  });
});

describe("encodeShardBatch on the job core", () => {
  const valid = {
    ind: 7,
    timestamp: "2020-01-01 00:00:00",
    latitude: 1,
    longitude: 2,
    country: "Chad",
  };
  /** Each kind of bad record, the reason it is rejected for, and what is kept of its bytes. */
  const cases: {
    what: string;
    item: Parameters<typeof kinesisItems>[0][number];
    reason: string;
    raw: string | null;
    rawEncoding: "text" | "base64" | null;
    value?: unknown;
  }[] = [
    {
      what: "not JSON",
      item: { error: "not valid JSON", data: "not json" },
      reason: "invalid_json",
      raw: "not json",
      rawEncoding: "text",
    },
    {
      what: "not UTF-8",
      item: { error: "data is not valid UTF-8", data: Uint8Array.of(0xff, 0x7b, 0x7d) },
      reason: "invalid_json",
      raw: "/3t9",
      rawEncoding: "base64",
    },
    {
      what: "empty",
      item: { error: "not valid JSON", data: "" },
      reason: "invalid_json",
      raw: "",
      rawEncoding: "text",
      value: "empty record",
    },
    {
      what: "blank",
      item: { error: "not valid JSON", data: " \n\t" },
      reason: "invalid_json",
      raw: " \n\t",
      rawEncoding: "text",
      value: "empty record",
    },
    {
      what: "two JSON records in one user record",
      item: { error: "not valid JSON", data: '{"ind":8}\n{"ind":9}' },
      reason: "invalid_json",
      raw: '{"ind":8}\n{"ind":9}',
      rawEncoding: "text",
    },
    {
      what: "a record without bytes that could not be read (a corrupt aggregate)",
      item: { error: "aggregate is corrupt" },
      reason: "invalid_json",
      raw: null,
      rawEncoding: null,
      value: "aggregate is corrupt",
    },
    {
      what: "over the record limit",
      item: { error: "record longer than the record limit (1KiB): 2000 bytes", tooLong: true },
      reason: "too_long",
      raw: null,
      rawEncoding: null,
      value: "record longer than the record limit (1KiB): 2000 bytes",
    },
    {
      what: "a JSON array",
      item: { error: "$: record is not a JSON object", data: "[1]" },
      reason: "not_an_object",
      raw: "[1]",
      rawEncoding: "text",
    },
    {
      what: "a JSON string",
      item: { error: "$: record is not a JSON object", data: '"str"' },
      reason: "not_an_object",
      raw: '"str"',
      rawEncoding: "text",
    },
    {
      what: "without a key",
      item: { country: "Chad" },
      reason: "missing_key",
      raw: '{"country":"Chad"}',
      rawEncoding: "text",
    },
    {
      what: "a key that is text",
      item: { ind: "x1", country: "Chad" },
      reason: "invalid_key",
      raw: '{"ind":"x1","country":"Chad"}',
      rawEncoding: "text",
    },
    {
      what: "an inexact key literal, kept as sent",
      item: { error: "x", data: '{"ind": 1e400, "country": "Chad"}' },
      reason: "invalid_key",
      raw: '{"ind": 1e400, "country": "Chad"}',
      rawEncoding: "text",
    },
  ];

  it.each(cases)("rejects a record $what as $reason, keeping its exact bytes", (c) => {
    const items = kinesisItems([valid, c.item]);
    const { files, counts } = encodeShardBatch({ table: "geo", shardId: "s", items, aggregates: [] });
    expect(files.map((file) => file.path.split("/")[1])).toEqual(["tables", "rejected"]);
    const [line] = ndjson(files[1]!.body);
    expect(line).toEqual({
      position: expect.objectContaining({ sequenceNumber: items[1]!.sequenceNumber, partitionKey: "1" }),
      reason: c.reason,
      raw: c.raw,
      rawEncoding: c.rawEncoding,
      issues: [
        expect.objectContaining({
          rule: c.reason,
          ...(c.value === undefined ? {} : { value: c.value }),
        }),
      ],
    });
    expect(counts.in).toBe(2);
    expect(counts.clean).toBe(1);
    expect(counts.rejected).toBe(1);
    expect(counts.byReason).toEqual({ ...zeroReasons, [c.reason]: 1 });
    expect(counts.byRule).toEqual({ [c.reason]: 1 });
  });

  it("counts a rejection of every reason in one batch, with its issues by rule and field", () => {
    const items = kinesisItems([valid, ...cases.map((c) => c.item)]);
    const { files, counts } = encodeShardBatch({ table: "geo", shardId: "s", items, aggregates: [] });
    const lines = ndjson(files.find((file) => file.path.startsWith("stream/rejected/"))!.body);
    expect(lines.map((line) => line.reason)).toEqual(cases.map((c) => c.reason));
    expect(lines.map((line) => line.raw)).toEqual(cases.map((c) => c.raw));
    expect(counts).toEqual({
      in: 13,
      clean: 1,
      rejected: 12,
      duplicates: 0,
      byReason: { invalid_json: 6, too_long: 1, not_an_object: 2, missing_key: 1, invalid_key: 2 },
      byRule: { invalid_json: 6, too_long: 1, not_an_object: 2, missing_key: 1, invalid_key: 2 },
      byField: { $: 9, ind: 3 },
      late: 0,
    });
  });

  it("reads a user record's bytes as one record: newlines inside are part of it", async () => {
    const items = kinesisItems([
      { error: "x", data: '{"ind": 7,\n "country": "Chad",\r\n "latitude": 1, "longitude": 2}\n' },
      { error: "x", data: '\n{"ind": 8, "country": "Peru"}' },
    ]);
    const { files, counts } = encodeShardBatch({ table: "geo", shardId: "s", items, aggregates: [] });
    expect(files.map((file) => file.path.split("/")[1])).toEqual(["tables"]);
    const rows = await parquetReadObjects({ file: (files[0]!.body as Uint8Array).slice().buffer });
    expect(rows[0]).toEqual({ ind: 7n, country: "Chad", coordinates: [1, 2], timestamp: null });
    // hyparquet reads a null list as undefined.
    expect(rows[1]).toMatchObject({ ind: 8n, country: "Peru", timestamp: null });
    expect(rows[1]!.coordinates ?? null).toBeNull();
    expect(counts).toMatchObject({
      in: 2,
      clean: 2,
      rejected: 0,
      byRule: { missing_field: 4 },
      byField: { latitude: 1, longitude: 1, timestamp: 2 },
    });
  });

  it("cleans a record handed over parsed only (no bytes) from its JSON text, the same as its bytes", async () => {
    const records = [valid, { ...valid, ind: 8, country: "User Info Error" }, { country: "Peru" }];
    const encode = (withoutData: boolean) =>
      encodeShardBatch({
        table: "geo",
        shardId: "s",
        items: kinesisItems(records, { withoutData }),
        aggregates: [],
      });
    const parsedOnly = encode(true);
    const withBytes = encode(false);
    expect(kinesisItems(records, { withoutData: true }).every((item) => item.data === undefined)).toBe(true);
    expect(parsedOnly.counts).toEqual(withBytes.counts);
    expect(parsedOnly.files.map((file) => [file.path, text(file.body)])).toEqual(
      withBytes.files.map((file) => [file.path, text(file.body)]),
    );
    expect(parsedOnly.counts).toMatchObject({ in: 3, clean: 2, rejected: 1 });
  });

  it("applies the clean config's placeholders", async () => {
    const items = kinesisItems([valid, { ...valid, ind: 8, country: "Nowhere" }]);
    const encode = (clean?: Parameters<typeof encodeShardBatch>[0]["clean"]) => {
      const { files, counts } = encodeShardBatch({
        table: "geo",
        shardId: "s",
        items,
        clean,
        aggregates: [],
      });
      return { body: files[0]!.body as Uint8Array, counts };
    };
    const plain = encode();
    expect((await parquetReadObjects({ file: plain.body.slice().buffer })).map((row) => row.country)).toEqual(
      ["Chad", "Nowhere"],
    );
    const configured = encode({ placeholders: { country: ["Nowhere"] } });
    expect(
      (await parquetReadObjects({ file: configured.body.slice().buffer })).map((row) => row.country),
    ).toEqual(["Chad", null]);
    expect(configured.counts.byRule).toEqual({ placeholder: 1 });
    expect(configured.counts.byField).toEqual({ country: 1 });
  });
});
