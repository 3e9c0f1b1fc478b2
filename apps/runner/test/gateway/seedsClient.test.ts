import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { createKinesisClient, ensureKafkaTopics } from "@pinpipe/ingest";
import {
  createKafkaGatewayBackend,
  type KafkaGatewayBackend,
  type RunningGateway,
  startGatewayServer,
} from "@pinpipe/ingest/gateway";
import { type LocalServer, startLocalKinesis } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { openOutputSink } from "../../src/output/index";
import { expectedRecords, rowOf, TABLES } from "../emulate/emulatorExpectations";
import { useKafkaBroker } from "../kafka/kafkaBroker";
import { memoryContext } from "../stream/commandContext";
import { readStreamOutput } from "../stream/readStreamOutput";
import { streamTexts } from "./support/streamTexts";

const SCRIPT = fileURLToPath(new URL("./support/seedsClient.py", import.meta.url));
const POSTS = 25;

async function runStreamCommand(...args: string[]) {
  const io = memoryContext();
  const code = await main(["stream", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const sortedRows = (records: readonly unknown[]) => records.map(rowOf).sort((a, b) => a - b);

describeWithPeer(
  "pyclient",
  "a seeds-style Python producer (requests) through pinpipe gateway",
  (pyclient) => {
    describeWithPeer("kafka", "onto a real broker and a local Kinesis", (kafka) => {
      const broker = useKafkaBroker(kafka);
      let kinesisServer: LocalServer;
      let kinesis: KinesisClient;
      let backend: KafkaGatewayBackend;
      let gateway: RunningGateway;
      let folder: string;
      const expected = expectedRecords(7, POSTS, 0);

      beforeAll(async () => {
        folder = await mkdtemp(join(tmpdir(), "pinpipe-seeds-client-"));
        const lines = TABLES.flatMap((table) =>
          expected[table].map((record) => JSON.stringify({ table, record })),
        );
        await writeFile(join(folder, "rows.ndjson"), `${lines.join("\n")}\n`);
        kinesisServer = await startLocalKinesis({ createStreamMs: 0 });
        kinesis = createKinesisClient({ endpoint: kinesisServer.endpoint });
        backend = createKafkaGatewayBackend({ brokers: [broker().brokers] });
        gateway = await startGatewayServer({ stage: "test", kafka: backend, kinesis, defaultShardCount: 1 });
      }, 60_000);
      afterAll(async () => {
        await gateway?.drain(5_000);
        await backend?.close();
        kinesis?.destroy();
        await kinesisServer?.stop();
        if (folder !== undefined) await rm(folder, { recursive: true, force: true });
      });

      // Asynchronous: the gateway runs in this process and must keep answering while the client runs.
      const runClient = (...args: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          execFile(
            pyclient.python!,
            [SCRIPT, gateway.url, ...args, join(folder, "rows.ndjson")],
            {
              encoding: "utf8",
              // requests honours proxy variables; loopback must never go through one.
              env: { ...process.env, NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" },
              timeout: 120_000,
            },
            (error, stdout, stderr) => {
              const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
              resolve({ status: code, stdout, stderr });
            },
          );
        });

      it("POST /topics/<prefix>.<table>: every row in Kafka once, pinpipe stream writes each once", async () => {
        await ensureKafkaTopics({
          brokers: [broker().brokers],
          topics: TABLES.map((t) => `seeds.${t}`),
          partitions: 2,
        });
        const client = await runClient("rest-proxy", "seeds");
        expect(client.stderr).toBe("");
        expect(client.stdout).toBe(`${POSTS * 3} rows sent\n`);
        expect(client.status).toBe(0);

        const out = join(folder, "kafka-out");
        const streamed = await runStreamCommand(
          ...[
            "--source",
            "kafka",
            "--brokers",
            broker().brokers,
            "--topic-prefix",
            "seeds",
            "--group",
            "seeds",
          ],
          ...["--out", out, "--until-idle", "3", "--batch-seconds", "1"],
          // The test reads the stream's own micro-batch files (stream/tables/), not Delta tables.
          ...["--format", "parquet"],
        );
        expect(streamed.code, streamed.stderr).toBe(0);
        const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
        for (const table of TABLES) {
          expect(streamed.stdout).toMatch(
            new RegExp(`${table}\\s+seeds\\.${table}: ${POSTS} records \\(${POSTS} clean, 0 rejected\\)`),
          );
          expect(sortedRows(output.tables[table]!.map((entry) => entry.row))).toEqual(
            sortedRows(expected[table]),
          );
        }
      }, 180_000);

      it("PUT /streams/<stream>/record: every row in Kinesis once, as its JSON, and pinpipe stream reads each once", async () => {
        const streams = { pin: "seeds-pin", geo: "seeds-geo", user: "seeds-user" };
        for (const stream of Object.values(streams)) {
          expect((await fetch(`${gateway.url}/streams/${stream}`, { method: "POST" })).status).toBe(200);
        }
        const client = await runClient("api-gateway", `${streams.pin},${streams.geo},${streams.user}`);
        expect(client.stderr).toBe("");
        expect(client.stdout).toBe(`${POSTS * 3} rows sent\n`);
        for (const table of TABLES) {
          const stored = (await streamTexts(kinesis, streams[table])).map((text) => JSON.parse(text));
          // Timestamps went through datetime and default=str and come back as the same text.
          expect([...stored].sort((a, b) => rowOf(a) - rowOf(b))).toEqual(
            [...expected[table]].sort((a, b) => rowOf(a) - rowOf(b)),
          );
        }
        const out = join(folder, "kinesis-out");
        const streamed = await runStreamCommand(
          ...["--out", out, "--streams", `${streams.pin},${streams.geo},${streams.user}`],
          ...["--kinesis-endpoint", kinesisServer.endpoint, "--poll-ms", "50", "--until-idle", "2"],
        );
        expect(streamed.code, streamed.stderr).toBe(0);
        for (const table of TABLES) {
          expect(streamed.stdout).toMatch(
            new RegExp(`${table}\\s+seeds-${table}: ${POSTS} records \\(${POSTS} clean, 0 rejected\\)`),
          );
        }
      }, 180_000);
    });
  },
);
