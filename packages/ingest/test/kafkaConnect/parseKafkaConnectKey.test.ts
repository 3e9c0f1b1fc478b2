import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareKafkaConnectKeys,
  formatKafkaConnectKey,
  IngestInputError,
  isKafkaTopic,
  type KafkaConnectKey,
  parseKafkaConnectKey,
  tableForTopic,
} from "../../src/index";

const parsed = (key: string): KafkaConnectKey => {
  const result = parseKafkaConnectKey(key);
  if (!result.ok) throw new Error(`expected ${key} to parse: ${result.reason}`);
  return result.value;
};

const topicArb = fc
  .stringMatching(/^[a-zA-Z0-9._-]{1,40}$/)
  .filter((topic) => topic !== "." && topic !== "..");
const segmentArb = fc
  .stringMatching(/^[a-zA-Z0-9=+_-][a-zA-Z0-9.=+_-]{0,10}$/)
  .filter((s) => s !== "." && s !== "..");
const partsArb = fc.record({
  topic: topicArb,
  partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  startOffset: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
  ext: fc.constantFrom("json" as const, "json.gz" as const),
  prefix: fc.array(segmentArb, { maxLength: 3 }).map((segments) => segments.join("/")),
});

describe("parseKafkaConnectKey reads the S3 sink's default object layout", () => {
  it("reads topic, partition, offset, compression and table, with or without a prefix", () => {
    expect(parseKafkaConnectKey("topics/0a1b.pin/partition=0/0a1b.pin+0+0000000042.json")).toEqual({
      ok: true,
      value: {
        prefix: "",
        topic: "0a1b.pin",
        partition: 0,
        startOffset: 42n,
        compression: "none",
        table: "pin",
      },
    });
    expect(parsed("bucket-root/raw/topics/x.geo/partition=12/x.geo+12+0000001000.json.gz")).toEqual({
      prefix: "bucket-root/raw",
      topic: "x.geo",
      partition: 12,
      startOffset: 1000n,
      compression: "gzip",
      table: "geo",
    });
    expect(parsed("topics/x.user/partition=1/x.user+1+7.json").table).toBe("user");
    expect(parsed("topics/x.orders/partition=1/x.orders+1+7.json").table).toBeNull();
  });

  it("keeps int64 offsets exact (as bigint) and refuses larger ones", () => {
    expect(parsed("topics/t/partition=0/t+0+9223372036854775807.json").startOffset).toBe(2n ** 63n - 1n);
    expect(parseKafkaConnectKey("topics/t/partition=0/t+0+9223372036854775808.json").ok).toBe(false);
  });

  it.each([
    ["", "key is empty"],
    ["topics/t/t+0+0.json", "not topics/<topic>/partition=<p>/<file>"],
    ["/topics/t/partition=0/t+0+0.json", "absolute"],
    ["../topics/t/partition=0/t+0+0.json", "'..'"],
    ["a/./topics/t/partition=0/t+0+0.json", "'.'"],
    ["a//topics/t/partition=0/t+0+0.json", "empty path segment"],
    ["topics/t/partition=0/t+0+0.json/", "empty path segment"],
    ["a\\topics/t/partition=0/t+0+0.json", "backslash"],
    ["other/t/partition=0/t+0+0.json", "'topics'"],
    ["topics/t/part=0/t+0+0.json", "partition=<p>"],
    ["topics/t/partition=01/t+01+0.json", "partition number"],
    ["topics/t/partition=2147483648/t+2147483648+0.json", "partition number"],
    ["topics/t/partition=0/u+0+0.json", "differs from folder topic"],
    ["topics/t/partition=0/t+1+0.json", "differs from folder partition"],
    ["topics/t/partition=0/t+0+0.avro", "neither .json nor .json.gz"],
    ["topics/t/partition=0/t+0+0.json.bz2", "neither .json nor .json.gz"],
    ["topics/t/partition=0/t+0.json", "<topic>+<partition>+<offset>"],
    ["topics/t/partition=0/t+0+0+0.json", "<topic>+<partition>+<offset>"],
    ["topics/t/partition=0/t+0+-1.json", "not an offset"],
    ["topics/t/partition=0/t+0+1e3.json", "not an offset"],
    ["topics/t*/partition=0/t*+0+0.json", "not a Kafka topic"],
    ["topics/../partition=0/..+0+0.json", "'..'"],
    [`${"p/".repeat(600)}topics/t/partition=0/t+0+0.json`, "longer than 1024"],
  ])("rejects %j with a reason", (key, reason) => {
    const result = parseKafkaConnectKey(key);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it("rejects keys that are not strings", () => {
    for (const key of [undefined, null, 42, {}, ["topics"]]) {
      expect(parseKafkaConnectKey(key as never)).toEqual({ ok: false, reason: "key is not a string" });
    }
  });

  it("inverts formatKafkaConnectKey (property)", () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const key = formatKafkaConnectKey(parts);
        expect(parsed(key)).toEqual({
          prefix: parts.prefix,
          topic: parts.topic,
          partition: parts.partition,
          startOffset: parts.startOffset,
          compression: parts.ext === "json" ? "none" : "gzip",
          table: tableForTopic(parts.topic),
        });
      }),
    );
  });
});

describe("formatKafkaConnectKey writes the S3 sink's key", () => {
  it("pads offsets to 10 digits like the sink's default, never truncating longer ones", () => {
    expect(
      formatKafkaConnectKey({ topic: "0a1b.geo", partition: 2, startOffset: 1234n, ext: "json.gz" }),
    ).toBe("topics/0a1b.geo/partition=2/0a1b.geo+2+0000001234.json.gz");
    expect(
      formatKafkaConnectKey({
        topic: "t",
        partition: 0,
        startOffset: 12345678901,
        ext: "json",
        prefix: "a/b",
      }),
    ).toBe("a/b/topics/t/partition=0/t+0+12345678901.json");
  });

  it.each([
    ["Kafka topic", { topic: "a+b" }],
    ["Kafka topic", { topic: "" }],
    ["Kafka topic", { topic: ".." }],
    ["partition", { partition: -1 }],
    ["partition", { partition: 1.5 }],
    ["partition", { partition: 2 ** 31 }],
    ["startOffset", { startOffset: -1n }],
    ["startOffset", { startOffset: 2n ** 63n }],
    ["startOffset", { startOffset: 2 ** 53 }],
    ["startOffset", { startOffset: "1" }],
    ["extension", { ext: "avro" }],
    ["prefix", { prefix: "/abs" }],
    ["prefix", { prefix: "a/../b" }],
    ["backslash", { prefix: "a\\b" }],
    ["prefix", { prefix: "trailing/" }],
  ])("throws IngestInputError for bad %s", (reason, override) => {
    const parts = { topic: "t.pin", partition: 0, startOffset: 0n, ext: "json", ...override };
    expect(() => formatKafkaConnectKey(parts as never)).toThrow(IngestInputError);
    expect(() => formatKafkaConnectKey(parts as never)).toThrow(reason);
  });
});

describe("compareKafkaConnectKeys orders objects by topic, partition and offset numerically", () => {
  it("puts offset 10 after 9 and partition 10 after 2, padded or not", () => {
    const keys = [
      "topics/t.pin/partition=0/t.pin+0+10.json",
      "topics/t.pin/partition=10/t.pin+10+0.json",
      "topics/t.pin/partition=0/t.pin+0+0000000009.json",
      "topics/t.pin/partition=2/t.pin+2+5.json",
      "topics/s.geo/partition=0/s.geo+0+99.json",
    ].map(parsed);
    expect(
      keys.sort(compareKafkaConnectKeys).map((k) => `${k.topic}/${k.partition}/${k.startOffset}`),
    ).toEqual(["s.geo/0/99", "t.pin/0/9", "t.pin/0/10", "t.pin/2/5", "t.pin/10/0"]);
  });

  it("agrees with numeric tuple order whatever the zero padding (property)", () => {
    const keyArb = fc.record({
      topic: fc.constantFrom("a.pin", "b.pin"),
      partition: fc.integer({ min: 0, max: 20 }),
      offset: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      pad: fc.integer({ min: 0, max: 15 }),
    });
    fc.assert(
      fc.property(keyArb, keyArb, (a, b) => {
        const key = (k: typeof a) =>
          parsed(
            `topics/${k.topic}/partition=${k.partition}/${k.topic}+${k.partition}+${k.offset.toString().padStart(k.pad, "0")}.json`,
          );
        const expected =
          a.topic !== b.topic
            ? a.topic < b.topic
              ? -1
              : 1
            : a.partition !== b.partition
              ? Math.sign(a.partition - b.partition)
              : a.offset === b.offset
                ? 0
                : a.offset < b.offset
                  ? -1
                  : 1;
        expect(compareKafkaConnectKeys(key(a), key(b))).toBe(expected);
      }),
    );
  });

  it("throws IngestInputError for sides that are not parsed keys", () => {
    const good = parsed("topics/t/partition=0/t+0+0.json");
    for (const bad of [
      null,
      "topics/t/partition=0/t+0+0.json",
      { ...good, startOffset: 0 },
      { ...good, partition: "0" },
    ]) {
      expect(() => compareKafkaConnectKeys(good, bad as never)).toThrow(IngestInputError);
      expect(() => compareKafkaConnectKeys(bad as never, good)).toThrow(IngestInputError);
    }
  });
});

describe("topic helpers", () => {
  it("map <prefix>.pin|geo|user to their table and nothing else", () => {
    expect(tableForTopic("0a1b2c3d4e5f.pin")).toBe("pin");
    expect(tableForTopic("x.y.geo")).toBe("geo");
    expect(tableForTopic("pin")).toBeNull();
    expect(tableForTopic(".pin.bak")).toBeNull();
    expect(tableForTopic("a b.pin")).toBeNull();
  });

  it("accept only Kafka's legal topic names", () => {
    expect(isKafkaTopic("a-b_c.D9")).toBe(true);
    expect(isKafkaTopic("x".repeat(249))).toBe(true);
    for (const bad of ["", ".", "..", "x".repeat(250), "a/b", "a+b", "é", 7, null]) {
      expect(isKafkaTopic(bad)).toBe(false);
    }
  });
});
