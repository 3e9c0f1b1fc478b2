import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { aggregate, createKinesisClient, ensureKinesisStream, readKinesisRecords } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type HostileBody,
  hostileAggregates,
  hostileBodies,
  prototypePolluted,
} from "../../hostile/hostileCorpus";
import { listFiles } from "../support/checkBatchOutput";
import { checkStreamOutput } from "../support/checkStreamOutput";
import { addCounts, recordPeak } from "../support/reliabilityTally";
import { runCli } from "../support/runCli";

const STREAMS = { pin: "hostile-pin", geo: "hostile-geo", user: "hostile-user" };
const VALID_PINS = [1, 2, 3, 4, 5].map((ind) => ({ index: ind, title: `pin ${ind}`, category: "art" }));

describe("hostile Kinesis records through a real kinesalite, readKinesisRecords and pinpipe stream", () => {
  const root = mkdtempSync(join(tmpdir(), "pinpipe-hostile-kinesis-"));
  let kinesis: LocalServer;
  let client: KinesisClient;
  // Kinesis takes at most 1 MiB per record: the enormous values stay under it.
  const bodies = hostileBodies({ hugeBytes: 256 * 1024, items: 50_000 });
  const aggregates = hostileAggregates();
  const packed = bodies.filter((body) => body.bytes.length < 16 * 1024);
  /** User records the stream holds: one per plain record or user record of the valid aggregate. */
  let expectedItems = 0;

  beforeAll(async () => {
    kinesis = await startLocalKinesis({ createStreamMs: 0 });
    client = createKinesisClient({ endpoint: kinesis.endpoint, env: {} });
    for (const stream of Object.values(STREAMS)) await ensureKinesisStream({ client, stream, shardCount: 1 });
    const encoder = new TextEncoder();
    const entries = [
      ...VALID_PINS.map((pin) => ({
        Data: encoder.encode(JSON.stringify(pin)),
        PartitionKey: String(pin.index),
      })),
      ...bodies.map((body, index) => ({ Data: new Uint8Array(body.bytes), PartitionKey: `body-${index}` })),
      ...aggregates.map(({ data }, index) => ({ Data: data, PartitionKey: `aggregate-${index}` })),
      ...aggregate(packed.map((body) => ({ partitionKey: "packed", data: new Uint8Array(body.bytes) }))).map(
        (entry) => ({
          Data: entry.Data,
          PartitionKey: entry.PartitionKey,
        }),
      ),
    ];
    expectedItems = VALID_PINS.length + bodies.length + aggregates.length + packed.length;
    // One call per record keeps every request far below the 5 MiB PutRecords limit.
    for (const entry of entries) {
      const answer = await client.send(new PutRecordsCommand({ StreamName: STREAMS.pin, Records: [entry] }));
      expect(answer.FailedRecordCount).toBe(0);
    }
  });
  afterAll(async () => {
    client?.destroy();
    await kinesis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("readKinesisRecords: every user record comes out once, as a record or an error with a reason", async () => {
    const items: { record?: unknown; error?: string }[] = [];
    let withBytes = 0;
    for await (const item of readKinesisRecords({
      client,
      stream: STREAMS.pin,
      stopWhenIdleMs: 300,
      pollIntervalMs: 20,
    })) {
      items.push("record" in item ? { record: item.record } : { error: item.error });
      if (item.data !== undefined) withBytes += 1;
    }
    expect(items).toHaveLength(expectedItems);
    // Every item carries the bytes sent: a user record its own, a lying aggregate its whole data.
    expect(withBytes).toBe(expectedItems);
    const errors = items.filter((item) => item.error !== undefined);
    for (const item of errors) expect(item.error).toMatch(/\S/);
    const strictAccepted = bodies.filter(
      (body) => body.json === "object" && body.strictReject !== true,
    ).length;
    const packedAccepted = packed.filter(
      (body) => body.json === "object" && body.strictReject !== true,
    ).length;
    expect(items.length - errors.length).toBe(VALID_PINS.length + strictAccepted + packedAccepted);
    expect(prototypePolluted()).toBe(false);
    addCounts("hostile inputs", {
      "Kinesis (kinesalite) records: tried": expectedItems,
      "Kinesis (kinesalite) records: rejected": errors.length,
    });
  });

  it("pinpipe stream keeps the valid pins, rejects the rest with reasons, and writes only under its output", async () => {
    const out = join(root, "out");
    const run = await runCli(
      [
        "stream",
        "--format",
        "parquet",
        "--out",
        out,
        "--streams",
        `${STREAMS.pin},${STREAMS.geo},${STREAMS.user}`,
        "--until-idle",
        "0.5",
        "--poll-ms",
        "50",
        "--kinesis-endpoint",
        kinesis.endpoint,
      ],
      { rssLimitMb: 2_000 },
    );
    recordPeak("peak memory (MB)", "stream: hostile Kinesis records", run.peakRssMb);
    expect(run.code, run.stderr).toBe(0);
    const state = await checkStreamOutput(out, STREAMS);
    const rows = state.inds.pin ?? [];
    const rejected = state.rejectedLines.pin ?? [];
    expect(rows.length + rejected.length).toBe(expectedItems);
    for (const ind of [1, 2, 3, 4, 5]) expect(rows).toContain(ind);
    expect(state.totals.pin).toMatchObject({ in: expectedItems, rejected: rejected.length });
    // Each rejection names the reason the bytes call for and keeps them exactly (base64 only when
    // they are not UTF-8); a lying aggregate is one record, its whole data.
    const reasonsFor = (body: HostileBody): readonly string[] =>
      body.json === "invalid"
        ? ["invalid_json"]
        : body.json === "not-object"
          ? ["not_an_object"]
          : ["missing_key", "invalid_key"];
    const seen = new Set<string>();
    for (const line of rejected) {
      const key = line.position.partitionKey;
      const sent = key.startsWith("body-")
        ? { body: bodies[Number(key.slice("body-".length))]! }
        : key.startsWith("aggregate-")
          ? { lying: aggregates[Number(key.slice("aggregate-".length))]! }
          : { body: packed[line.position.subSequenceNumber!]! };
      const bytes = "body" in sent ? sent.body.bytes : Buffer.from(sent.lying.data);
      const name = "body" in sent ? sent.body.name : `aggregate ${sent.lying.name}`;
      expect("body" in sent ? reasonsFor(sent.body) : ["invalid_json"], name).toContain(line.reason);
      const kept = Buffer.from(line.raw ?? "", line.rawEncoding === "base64" ? "base64" : "utf8");
      expect(kept.equals(bytes), name).toBe(true);
      expect(line.rawEncoding, name).toBe(
        Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes) ? "text" : "base64",
      );
      seen.add(`${key}|${line.position.subSequenceNumber ?? ""}`);
    }
    expect(seen.size).toBe(rejected.length);
    for (const [index, body] of bodies.entries())
      if (body.json !== "object") expect(seen.has(`body-${index}|`), body.name).toBe(true);
    for (const index of aggregates.keys()) expect(seen.has(`aggregate-${index}|`)).toBe(true);
    expect(listFiles(root).every((path) => path.startsWith("out/stream/"))).toBe(true);
    addCounts("hostile inputs", {
      "Kinesis records via stream: tried": expectedItems,
      "Kinesis records via stream: rejected": rejected.length,
    });
  });
});
