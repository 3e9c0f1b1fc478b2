import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createKinesisClient, ensureKafkaTopics } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { openOutputSink } from "../../src/output/index";
import { expectedRecords, rowOf, runEmulateCommand, TABLES } from "../emulate/emulatorExpectations";
import { useKafkaBroker } from "../kafka/kafkaBroker";
import { memoryContext } from "../stream/commandContext";
import { readStreamOutput } from "../stream/readStreamOutput";
import type { CliChild } from "../stream/runCli";
import { startGatewayCli } from "./support/startGatewayCli";
import { streamTexts } from "./support/streamTexts";

async function runStreamCommand(...args: string[]) {
  const io = memoryContext();
  // The test reads the stream's own micro-batch files (stream/tables/), not Delta tables.
  const code = await main(["stream", "--format", "parquet", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const sortedRows = (records: readonly unknown[]) => records.map(rowOf).sort((a, b) => a - b);

describeWithPeer(
  "kafka",
  "pinpipe gateway between the original producers and real Kafka and Kinesis",
  (kafka) => {
    const broker = useKafkaBroker(kafka);
    let kinesisServer: LocalServer;
    let kinesis: KinesisClient;
    let gateway: CliChild;
    let url: string;
    const folders: string[] = [];
    beforeAll(async () => {
      kinesisServer = await startLocalKinesis({ createStreamMs: 0, deleteStreamMs: 0 });
      kinesis = createKinesisClient({ endpoint: kinesisServer.endpoint });
      ({ child: gateway, url } = await startGatewayCli([
        "--stage",
        "test",
        "--brokers",
        broker().brokers,
        "--kinesis-endpoint",
        kinesisServer.endpoint,
      ]));
    }, 60_000);
    afterAll(async () => {
      if (gateway !== undefined && gateway.process.exitCode === null) {
        gateway.process.kill("SIGKILL");
        await gateway.exited;
      }
      kinesis?.destroy();
      await kinesisServer?.stop();
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    });
    const newFolder = async () => {
      const folder = await mkdtemp(join(tmpdir(), "pinpipe-gateway-e2e-"));
      folders.push(folder);
      return folder;
    };

    it("emulate --to rest-proxy through the gateway: every record in Kafka once, pinpipe stream writes each once", async () => {
      await ensureKafkaTopics({
        brokers: [broker().brokers],
        topics: TABLES.map((t) => `gwrp.${t}`),
        partitions: 2,
      });
      const emulated = await runEmulateCommand(
        ...["--to", "rest-proxy", "--url", url, "--topic-prefix", "gwrp", "--count", "40", "--sleep", "none"],
        ...["--records-per-request", "3", "--seed", "100"],
      );
      expect(emulated.stderr).toBe("");
      expect(emulated.code).toBe(0);
      expect(emulated.stdout).toMatch(/0 retried, 0 records resent/);

      const out = await newFolder();
      const streamed = await runStreamCommand(
        ...["--source", "kafka", "--brokers", broker().brokers, "--topic-prefix", "gwrp", "--group", "gwrp"],
        ...["--out", out, "--until-idle", "3", "--batch-seconds", "1"],
      );
      expect(streamed.code, streamed.stderr).toBe(0);
      const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
      const expected = expectedRecords(100, 40, 0);
      for (const table of TABLES) {
        expect(streamed.stdout).toMatch(
          new RegExp(`${table}\\s+gwrp\\.${table}: 40 records \\(40 clean, 0 rejected\\)`),
        );
        expect(sortedRows(output.tables[table]!.map((entry) => entry.row))).toEqual(
          sortedRows(expected[table]),
        );
      }
    }, 180_000);

    it("emulate --to api-gateway through the gateway: Data stored as its JSON, each record once, pinpipe stream reads each once", async () => {
      const streams = { pin: "gw-pin", geo: "gw-geo", user: "gw-user" };
      for (const stream of Object.values(streams)) {
        const created = await fetch(`${url}/streams/${stream}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"ShardCount":2}',
        });
        expect(created.status).toBe(200);
      }
      for (const stream of Object.values(streams)) {
        for (;;) {
          const described = (await (await fetch(`${url}/streams/${stream}`)).json()) as {
            StreamDescription: { StreamStatus: string };
          };
          if (described.StreamDescription.StreamStatus === "ACTIVE") break;
        }
      }
      const emulated = await runEmulateCommand(
        ...[
          "--to",
          "api-gateway",
          "--url",
          url,
          "--streams",
          `${streams.pin},${streams.geo},${streams.user}`,
        ],
        ...["--count", "30", "--sleep", "none", "--seed", "100"],
      );
      expect(emulated.stderr).toBe("");
      expect(emulated.code).toBe(0);
      const expected = expectedRecords(100, 30, 0);
      for (const table of TABLES) {
        const texts = await streamTexts(kinesis, streams[table]);
        // The API's template stores Data as the record's JSON text: each one parses back to the record.
        expect(sortedRows(texts.map((text) => JSON.parse(text)))).toEqual(sortedRows(expected[table]));
      }

      const out = await newFolder();
      const streamed = await runStreamCommand(
        ...["--out", out, "--streams", `${streams.pin},${streams.geo},${streams.user}`],
        ...["--kinesis-endpoint", kinesisServer.endpoint, "--poll-ms", "50", "--until-idle", "2"],
      );
      expect(streamed.code, streamed.stderr).toBe(0);
      for (const table of TABLES) {
        expect(streamed.stdout).toMatch(
          new RegExp(`${table}\\s+gw-${table}: 30 records \\(30 clean, 0 rejected\\)`),
        );
      }
    }, 180_000);

    it("refuses hostile REST proxy requests with the proxy's codes, stores nothing and keeps serving", async () => {
      await ensureKafkaTopics({ brokers: [broker().brokers], topics: ["gwh.pin"], partitions: 1 });
      const post = (
        path: string,
        body: string | Uint8Array,
        contentType = "application/vnd.kafka.json.v2+json",
      ) => fetch(`${url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
      const record = '{"records":[{"value":{"index":1}}]}';
      const cases: [Promise<Response>, number, number][] = [
        [post("/topics/gwh.pin", record, "application/json"), 415, 415],
        [post("/topics/gwh.pin", '{"records":[{"value":'), 400, 400],
        [post("/topics/gwh.pin", '{"records":[{"value":"text"}]}'), 422, 42206],
        [post("/topics/gwh.missing", record), 404, 40401],
        [post("/topics/gwh.pin", '{"records":[{"value":{"a":1},"partition":5}]}'), 404, 40402],
        [post("/topics/gwh.pin%2F..%2Fx", record), 404, 40401],
        [post("/topics/gwh.pin", new Uint8Array(10 * 1024 * 1024 + 1).fill(32)), 413, 413],
      ];
      for (const [pending, status, code] of cases) {
        const answer = await pending;
        const body = (await answer.json()) as { error_code: number };
        expect([answer.status, body.error_code], JSON.stringify(body)).toEqual([status, code]);
      }
      // Nothing was stored: the first record the topic takes gets offset 0.
      const accepted = await post("/topics/gwh.pin", record);
      expect(await accepted.json()).toEqual({
        offsets: [{ partition: 0, offset: 0, error_code: null, error: null }],
        key_schema_id: null,
        value_schema_id: null,
      });
    }, 60_000);

    it("drains on SIGTERM: stops listening and exits 0", async () => {
      gateway.process.kill("SIGTERM");
      const exit = await gateway.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(gateway.stderr()).toMatch(
        /pinpipe gateway: draining \(0 request\(s\) in flight\)\npinpipe gateway: stopped\n/,
      );
      await expect(fetch(`${url.replace(/\/test$/, "")}/health`)).rejects.toThrow();
      // The access log: one JSON line per request, none with a body.
      const lines = gateway
        .stdout()
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(lines.filter((line) => line.route === "produce" && line.status === 200).length).toBeGreaterThan(
        0,
      );
      expect(gateway.stdout()).not.toContain('"records":[');
    }, 60_000);
  },
);
