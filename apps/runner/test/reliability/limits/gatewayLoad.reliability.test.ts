import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createKinesisClient, ensureKafkaTopics } from "@pinpipe/ingest";
import {
  type LocalKafkaServer,
  type LocalServer,
  startLocalKafka,
  startLocalKinesis,
} from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import autocannon from "autocannon";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commands } from "../../../src/commands/index";
import { main } from "../../../src/main";
import { openOutputSink } from "../../../src/output/index";
import { startGatewayCli } from "../../gateway/support/startGatewayCli";
import { streamTexts } from "../../gateway/support/streamTexts";
import { memoryContext } from "../../stream/commandContext";
import { readStreamOutput } from "../../stream/readStreamOutput";
import type { CliChild } from "../../stream/runCli";
import { addCounts, recordPeak } from "../support/reliabilityTally";

// A bounded load: a fixed number of requests, not a duration, so every run checks the same records.
const PRODUCE_REQUESTS = 4_000;
const PUT_RECORDS_REQUESTS = 400;
const RECORDS_PER_PUT = 10;
const CONNECTIONS = 16;

/** 0..n-1, for comparing the indices that arrived. */
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describeWithPeer("kafka", "pinpipe gateway under a bounded load on loopback", (kafka) => {
  let broker: LocalKafkaServer;
  let kinesisServer: LocalServer;
  let kinesis: KinesisClient;
  let gateway: CliChild;
  let url: string;
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "pinpipe-gateway-load-"));
    broker = await startLocalKafka({ classpath: kafka.classpath! });
    kinesisServer = await startLocalKinesis({ createStreamMs: 0 });
    kinesis = createKinesisClient({ endpoint: kinesisServer.endpoint });
    ({ child: gateway, url } = await startGatewayCli([
      ...["--stage", "load", "--brokers", broker.brokers, "--kinesis-endpoint", kinesisServer.endpoint],
    ]));
  }, 180_000);
  afterAll(async () => {
    if (gateway !== undefined && gateway.process.exitCode === null) {
      gateway.process.kill("SIGTERM");
      await gateway.exited;
    }
    kinesis?.destroy();
    await kinesisServer?.stop();
    await broker?.stop();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it("REST proxy produce: every answered record is in Kafka once, pinpipe stream writes each once", async () => {
    await ensureKafkaTopics({
      brokers: [broker.brokers],
      topics: ["load.pin", "load.geo", "load.user"],
      partitions: 3,
    });
    let next = 0;
    const answered = new Set<string>();
    const refusals = new Map<number, string>();
    const result = await autocannon({
      url: `${url}/topics/load.pin`,
      connections: CONNECTIONS,
      amount: PRODUCE_REQUESTS,
      timeout: 30,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/vnd.kafka.json.v2+json" },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ records: [{ value: { index: next++ } }] }),
          }),
          onResponse: (status, body) => {
            if (status !== 200) {
              refusals.set(status, body);
              return;
            }
            for (const offset of JSON.parse(body).offsets)
              answered.add(`${offset.partition}:${offset.offset}`);
          },
        },
      ],
    });
    expect([result.errors, result.timeouts, result.non2xx], JSON.stringify([...refusals])).toEqual([0, 0, 0]);
    expect(result.requests.total).toBe(PRODUCE_REQUESTS);
    // Each answer names a distinct partition and offset: no record was stored over another.
    expect(answered.size).toBe(PRODUCE_REQUESTS);

    const out = join(folder, "kafka-out");
    const io = memoryContext();
    const code = await main(
      [
        "stream",
        ...["--source", "kafka", "--brokers", broker.brokers, "--topic-prefix", "load", "--group", "load"],
        ...["--out", out, "--until-idle", "3", "--batch-seconds", "1", "--batch-records", "2000"],
        // The test reads the stream's own micro-batch files (stream/tables/), not Delta tables.
        ...["--format", "parquet"],
      ],
      commands,
      io.context,
    );
    expect(code, io.stderr()).toBe(0);
    const rows = (await readStreamOutput(openOutputSink(out, { cwd: out }))).tables.pin!.map((entry) =>
      Number(entry.row.ind),
    );
    const lost = PRODUCE_REQUESTS - new Set(rows).size;
    const duplicated = rows.length - new Set(rows).size;
    expect(rows.sort((a, b) => a - b)).toEqual(range(PRODUCE_REQUESTS));
    addCounts("records", {
      "gateway load: REST proxy records produced": PRODUCE_REQUESTS,
      "gateway load: lost": lost,
      "gateway load: duplicated": duplicated,
    });
    recordPeak(
      "gateway load (loopback)",
      `REST proxy produce, ${CONNECTIONS} connections: requests/s`,
      Math.round(result.requests.average),
    );
    recordPeak("gateway load (loopback)", "REST proxy produce: p99 latency (ms)", result.latency.p99);
  }, 300_000);

  it("API Gateway PutRecords: every record in Kinesis once", async () => {
    expect(
      (
        await fetch(`${url}/streams/load-pin`, {
          method: "POST",
          body: '{"ShardCount":2}',
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(200);
    let next = 0;
    let failedRecords = 0;
    const result = await autocannon({
      url: `${url}/streams/load-pin/records`,
      connections: CONNECTIONS,
      amount: PUT_RECORDS_REQUESTS,
      timeout: 30,
      requests: [
        {
          method: "PUT",
          headers: { "content-type": "application/json" },
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              records: range(RECORDS_PER_PUT).map(() => ({
                data: { ind: next++ },
                "partition-key": String(next),
              })),
            }),
          }),
          onResponse: (status, body) => {
            if (status === 200)
              failedRecords += (JSON.parse(body) as { FailedRecordCount: number }).FailedRecordCount;
          },
        },
      ],
    });
    expect([result.errors, result.timeouts, result.non2xx, failedRecords]).toEqual([0, 0, 0, 0]);
    const stored = (await streamTexts(kinesis, "load-pin")).map(
      (text) => (JSON.parse(text) as { ind: number }).ind,
    );
    const total = PUT_RECORDS_REQUESTS * RECORDS_PER_PUT;
    expect(stored.sort((a, b) => a - b)).toEqual(range(total));
    addCounts("records", {
      "gateway load: Kinesis records put": total,
      "gateway load: lost": total - new Set(stored).size,
      "gateway load: duplicated": stored.length - new Set(stored).size,
    });
    recordPeak(
      "gateway load (loopback)",
      `PutRecords (${RECORDS_PER_PUT} records), ${CONNECTIONS} connections: requests/s`,
      Math.round(result.requests.average),
    );
    recordPeak("gateway load (loopback)", "PutRecords: p99 latency (ms)", result.latency.p99);
  }, 300_000);
});
