import type { _Record } from "@aws-sdk/client-kinesis";
import { aggregate, type KinesisReadApi, readKinesisRecords } from "@pinpipe/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { encodeShardBatch } from "../../src/stream/encodeShardBatch";
import type { StreamItem } from "../../src/stream/filterLongRecords";
import { addCounts } from "../reliability/support/reliabilityTally";
import { type HostileBody, hostileAggregates, hostileBodies, prototypePolluted } from "./hostileCorpus";

afterAll(() => expect(prototypePolluted()).toBe(false));

const bodies = hostileBodies({ hugeBytes: 256 * 1024, items: 20_000, depth: 20_000 });
const aggregates = hostileAggregates();
const packed = bodies.filter((body) => body.bytes.length < 16 * 1024);

/** A closed shard holding `records`, answering them all in one GetRecords call. */
function fakeShard(records: readonly _Record[]): KinesisReadApi {
  return {
    listShards: async () => ({
      Shards: [
        {
          ShardId: "shardId-000000000000",
          HashKeyRange: { StartingHashKey: "0", EndingHashKey: "340282366920938463463374607431768211455" },
          SequenceNumberRange: { StartingSequenceNumber: "1", EndingSequenceNumber: "99999" },
        },
      ],
    }),
    getShardIterator: async (input) => ({ ShardIterator: `${input.ShardId}/0` }),
    getRecords: async () => ({ Records: [...records], MillisBehindLatest: 0, NextShardIterator: undefined }),
  };
}

/** The reasons a body's record may be rejected for, by what its bytes are. */
function reasonsFor(body: HostileBody): readonly string[] {
  return body.json === "invalid"
    ? ["invalid_json"]
    : body.json === "not-object"
      ? ["not_an_object"]
      : ["missing_key", "invalid_key"];
}

interface RejectedLine {
  readonly position: { partitionKey: string; subSequenceNumber?: number; sequenceNumber: string };
  readonly reason: string;
  readonly raw: string | null;
  readonly rawEncoding: "text" | "base64" | null;
  readonly issues: { field: string; value: unknown; rule: string }[];
}

const bytesOf = (line: RejectedLine): Buffer =>
  line.rawEncoding === "base64" ? Buffer.from(line.raw!, "base64") : Buffer.from(line.raw!, "utf8");

describe("hostile Kinesis records through readKinesisRecords and the stream's job core", () => {
  it("every user record is clean or rejected once, for the reason its bytes call for, its exact bytes kept", async () => {
    const arrival = new Date("2026-11-23T10:00:00Z");
    const records: _Record[] = [
      ...bodies.map((body, index) => ({
        Data: new Uint8Array(body.bytes),
        PartitionKey: `body-${index}`,
        SequenceNumber: String(1000 + index),
        ApproximateArrivalTimestamp: arrival,
      })),
      ...aggregates.map(({ data }, index) => ({
        Data: new Uint8Array(data),
        PartitionKey: `aggregate-${index}`,
        SequenceNumber: String(2000 + index),
        ApproximateArrivalTimestamp: arrival,
      })),
      ...aggregate(packed.map((body) => ({ partitionKey: "packed", data: new Uint8Array(body.bytes) }))).map(
        (entry, index) => ({
          Data: entry.Data,
          PartitionKey: entry.PartitionKey,
          SequenceNumber: String(3000 + index),
          ApproximateArrivalTimestamp: arrival,
        }),
      ),
    ];
    const items: StreamItem[] = [];
    for await (const item of readKinesisRecords({ client: fakeShard(records), stream: "hostile-pin" }))
      items.push(item);
    expect(items).toHaveLength(bodies.length + aggregates.length + packed.length);
    // Every item carries bytes: a user record its own, a lying aggregate its whole data.
    expect(items.every((item) => item.data !== undefined)).toBe(true);

    const { files, counts } = encodeShardBatch({
      table: "pin",
      shardId: "shardId-000000000000",
      items,
      aggregates: [],
    });
    const rejectedFile = files.find((file) => file.path.startsWith("stream/rejected/pin/"))!;
    const text = rejectedFile.body as string;
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .slice(0, -1)
      .split("\n")
      .map((line) => JSON.parse(line) as RejectedLine);
    expect(counts.in).toBe(items.length);
    expect(counts.rejected).toBe(lines.length);
    expect(counts.clean + counts.rejected).toBe(counts.in);
    expect(counts.duplicates).toBe(0);

    const sentBytes = (line: RejectedLine): { bytes: Buffer; reasons: readonly string[]; name: string } => {
      const key = line.position.partitionKey;
      if (key.startsWith("body-")) {
        const body = bodies[Number(key.slice("body-".length))]!;
        return { bytes: body.bytes, reasons: reasonsFor(body), name: body.name };
      }
      if (key.startsWith("aggregate-")) {
        // A lying aggregate cannot be read at all: its whole data is the record, not JSON.
        const lying = aggregates[Number(key.slice("aggregate-".length))]!;
        return { bytes: Buffer.from(lying.data), reasons: ["invalid_json"], name: `aggregate ${lying.name}` };
      }
      const body = packed[line.position.subSequenceNumber!]!;
      return { bytes: body.bytes, reasons: reasonsFor(body), name: `packed ${body.name}` };
    };
    const rejectedKeys = new Set<string>();
    for (const line of lines) {
      const sent = sentBytes(line);
      expect(sent.reasons, sent.name).toContain(line.reason);
      expect(bytesOf(line).equals(sent.bytes), sent.name).toBe(true);
      // Text when the bytes are UTF-8, base64 only when they are not.
      expect(line.rawEncoding, sent.name).toBe(
        Buffer.from(sent.bytes.toString("utf8"), "utf8").equals(sent.bytes) ? "text" : "base64",
      );
      expect(line.issues[0]?.rule, sent.name).toBe(line.reason);
      rejectedKeys.add(`${line.position.partitionKey}|${line.position.subSequenceNumber ?? ""}`);
    }
    expect(rejectedKeys.size).toBe(lines.length);
    // Bytes that are no JSON object are never clean.
    for (const [index, body] of bodies.entries()) {
      if (body.json !== "object") expect(rejectedKeys.has(`body-${index}|`), body.name).toBe(true);
    }
    for (const [index, body] of packed.entries()) {
      if (body.json !== "object") expect(rejectedKeys.has(`packed|${index}`), body.name).toBe(true);
    }
    for (const index of aggregates.keys()) expect(rejectedKeys.has(`aggregate-${index}|`)).toBe(true);

    addCounts("hostile inputs", {
      "Kinesis records through the stream's job core: tried": items.length,
      "Kinesis records through the stream's job core: rejected": lines.length,
    });
  });
});
