import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  aggregate,
  deaggregate,
  decodeApiGatewayPutRecord,
  decodeApiGatewayPutRecords,
  decodeKafkaConnectObject,
  decodeKinesisRecord,
  decodeRestProxyProduce,
  parseKafkaConnectKey,
  validateS3Key,
} from "@pinpipe/ingest";
import { afterAll, describe, expect, it } from "vitest";
import { addCounts } from "../reliability/support/reliabilityTally";
import {
  hostileAggregates,
  hostileBodies,
  hostilePaths,
  prototypePolluted,
  writeGzipBomb,
} from "./hostileCorpus";

const bodies = hostileBodies();
/** What a strict JSON-record decoder must accept: JSON objects without hidden hazards. */
const strictAccepts = bodies.filter((body) => body.json === "object" && body.strictReject !== true);
const isStrictAccepted = (name: string): boolean => strictAccepts.some((body) => body.name === name);
const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-decoders-"));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  expect(prototypePolluted()).toBe(false);
});

/** Whether two byte arrays hold the same bytes (fast, whatever their class: Buffer or Uint8Array). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

describe("hostile record bodies through the wire decoders", () => {
  it("decodeKafkaConnectObject: a bad line costs one bad line with a reason, the others are kept", () => {
    const object = Buffer.concat(bodies.flatMap((body) => [body.bytes, Buffer.from("\n")]));
    const result = decodeKafkaConnectObject(object);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.records).toHaveLength(strictAccepts.length);
    const badLines = new Map(result.value.badLines.map((bad) => [bad.line, bad.reason]));
    for (const [index, body] of bodies.entries()) {
      const reason = badLines.get(index + 1);
      if (isStrictAccepted(body.name)) expect(reason, body.name).toBeUndefined();
      else expect(reason, body.name).toMatch(/\S/);
    }
    addCounts("hostile inputs", {
      "decodeKafkaConnectObject lines: tried": bodies.length,
      "decodeKafkaConnectObject lines: rejected": badLines.size,
    });
  });

  it("decodeKafkaConnectObject refuses a gzip bomb at its size limit", () => {
    const path = join(root, "bomb.gz");
    writeGzipBomb(path, { memberBytes: 32 * 1024 * 1024, members: 2 });
    const result = decodeKafkaConnectObject(readFileSync(path), { maxDecompressedBytes: 4 * 1024 * 1024 });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/not readable gzip.*(larger|buffer|exceed)/i),
    });
    addCounts("hostile inputs", {
      "gzip bomb (64 MiB) via decodeKafkaConnectObject: tried": 1,
      "gzip bomb (64 MiB) via decodeKafkaConnectObject: rejected": 1,
    });
  });

  it("decodeKinesisRecord: every body is one record or one rejected user record with a reason", () => {
    let rejected = 0;
    for (const [index, body] of bodies.entries()) {
      const result = decodeKinesisRecord({
        Data: body.bytes,
        PartitionKey: "p",
        SequenceNumber: String(1000 + index),
      });
      expect(result.ok, body.name).toBe(true);
      if (!result.ok) continue;
      // Either way the user record's bytes come along exactly as sent.
      if (isStrictAccepted(body.name)) {
        expect(result.value.records, body.name).toHaveLength(1);
        expect(sameBytes(result.value.records[0]!.data, body.bytes), body.name).toBe(true);
      } else {
        expect(result.value.rejected, body.name).toEqual([
          { subSequenceNumber: 0, reason: expect.stringMatching(/\S/), data: expect.any(Uint8Array) },
        ]);
        expect(sameBytes(result.value.rejected[0]!.data, body.bytes), body.name).toBe(true);
        rejected += 1;
      }
    }
    addCounts("hostile inputs", {
      "decodeKinesisRecord: tried": bodies.length,
      "decodeKinesisRecord: rejected": rejected,
    });
  });

  it("a valid KPL aggregate of hostile user records keeps the good ones and rejects the others one by one", () => {
    const small = bodies.filter((body) => body.bytes.length < 64 * 1024);
    const [entry, ...more] = aggregate(small.map((body) => ({ partitionKey: "p", data: body.bytes })));
    expect(more).toEqual([]);
    const result = decodeKinesisRecord({ Data: entry!.Data, PartitionKey: "p", SequenceNumber: "1" });
    if (!result.ok) throw new Error(result.reason);
    const rejectedAt = result.value.rejected.map((item) => item.subSequenceNumber);
    expect(rejectedAt).toEqual(small.flatMap((body, index) => (isStrictAccepted(body.name) ? [] : [index])));
    expect(result.value.records.every((record) => record.aggregated)).toBe(true);
    // Each user record, kept or rejected, carries its own bytes.
    for (const user of [...result.value.records, ...result.value.rejected]) {
      expect(sameBytes(user.data, small[user.subSequenceNumber]!.bytes)).toBe(true);
    }
  });

  it("lying KPL aggregates are refused whole, with a reason, by deaggregate and decodeKinesisRecord", () => {
    const aggregates = hostileAggregates();
    for (const { name, data } of aggregates) {
      const direct = deaggregate({ Data: data });
      expect(direct, name).toEqual({ ok: false, reason: expect.stringMatching(/\S/) });
      expect(decodeKinesisRecord({ Data: data, PartitionKey: "p", SequenceNumber: "1" }).ok, name).toBe(
        false,
      );
      expect(deaggregate({ Data: Buffer.from(data).toString("base64") }).ok, name).toBe(false);
    }
    addCounts("hostile inputs", {
      "KPL aggregates: tried": aggregates.length,
      "KPL aggregates: rejected": aggregates.length,
    });
  });

  it("refuses Kinesis records with broken base64 data, sequence numbers or partition keys", () => {
    const cases = [
      { Data: "not base64!", PartitionKey: "p", SequenceNumber: "1" },
      { Data: "eyJpbmQiOjF9=", PartitionKey: "p", SequenceNumber: "1" },
      { Data: "eyJpbmQiOjF9", PartitionKey: "p", SequenceNumber: "-1" },
      { Data: "eyJpbmQiOjF9", PartitionKey: "p", SequenceNumber: "9".repeat(200) },
      { Data: "eyJpbmQiOjF9", PartitionKey: 5 as unknown as string, SequenceNumber: "1" },
      { Data: 42 as unknown as string, PartitionKey: "p", SequenceNumber: "1" },
    ];
    for (const record of cases) expect(decodeKinesisRecord(record).ok, JSON.stringify(record)).toBe(false);
    addCounts("hostile inputs", {
      "Kinesis record envelopes: tried": cases.length,
      "Kinesis record envelopes: rejected": cases.length,
    });
  });

  it("REST Proxy and API Gateway bodies: a hostile value fails the request with the record's index", () => {
    let rejected = 0;
    // These arrive as HTTP text: invalid UTF-8 became U+FFFD before any decoder, so it is not a case here.
    const textual = bodies.filter((body) => body.family !== "invalid-utf8");
    for (const body of textual) {
      const value = body.bytes.toString("utf8");
      const results = [
        decodeRestProxyProduce(`{"records":[{"value":{"index":0}},{"value":${value}}]}`),
        decodeApiGatewayPutRecord(`{"StreamName":"streaming-0a1b-pin","Data":${value},"PartitionKey":"p"}`),
        decodeApiGatewayPutRecords(
          `{"records":[{"data":{"index":0},"partition-key":"p"},{"data":${value},"partition-key":"p"}]}`,
        ),
      ];
      for (const result of results) {
        if (isStrictAccepted(body.name)) expect(result.ok, body.name).toBe(true);
        else {
          expect(result, body.name).toEqual({ ok: false, reason: expect.stringMatching(/\S/) });
          rejected += 1;
        }
      }
      const rest = results[0]!;
      if (!rest.ok && body.json !== "invalid") expect(rest.reason, body.name).toMatch(/records\[1\]/);
    }
    addCounts("hostile inputs", {
      "REST / API Gateway bodies: tried": textual.length * 3,
      "REST / API Gateway bodies: rejected": rejected,
    });
  });

  it("refuses object keys that climb out of a prefix, are absolute or hide control characters", () => {
    const paths = hostilePaths();
    for (const path of paths) {
      expect(() => validateS3Key(path), JSON.stringify(path)).toThrow(RangeError);
      expect(parseKafkaConnectKey(path).ok, JSON.stringify(path)).toBe(false);
    }
    const dotted = "topics/a.pin/partition=0/../../../a.pin+0+0000000000.json";
    expect(parseKafkaConnectKey(dotted).ok).toBe(false);
    addCounts("hostile inputs", {
      "object keys: tried": paths.length + 1,
      "object keys: rejected": paths.length + 1,
    });
  });
});
