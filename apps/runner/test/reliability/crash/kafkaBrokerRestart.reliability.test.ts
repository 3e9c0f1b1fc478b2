import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureKafkaTopics } from "@pinpipe/ingest";
import { type LocalKafkaServer, startLocalKafka } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { afterAll, expect, it } from "vitest";
import { openOutputSink } from "../../../src/output/index";
import { expectedRecords, rowOf, TABLES } from "../../emulate/emulatorExpectations";
import { readStreamOutput } from "../../stream/readStreamOutput";
import { type CliChild, startCli } from "../../stream/runCli";
import { kafkaCheckpointOffsets } from "../support/kafkaCheckpointOffsets";
import { addRecordOutcome } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";

const POSTS = 400;
const SEED = 414;
const PARTITIONS = 3;
const MEMBERS = 2;

/** Records written per topic, summed over its partition checkpoints. */
function writtenPerTopic(out: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const [key, next] of kafkaCheckpointOffsets(out)) {
    const topic = key.slice(0, key.lastIndexOf("-"));
    result.set(topic, (result.get(topic) ?? 0) + Number(next));
  }
  return result;
}

/** How the ids found differ from those sent, as multisets (the emulator may send a row twice). */
function compareMultisets(sent: readonly number[], found: readonly number[]) {
  const balance = new Map<number, number>();
  for (const id of sent) balance.set(id, (balance.get(id) ?? 0) + 1);
  for (const id of found) balance.set(id, (balance.get(id) ?? 0) - 1);
  let duplicates = 0;
  let lost = 0;
  for (const [, left] of balance) {
    if (left < 0) duplicates -= left;
    else lost += left;
  }
  return { sent: sent.length, written: found.length, duplicates, lost };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithPeer(
  "kafka",
  "Kafka broker stopped mid-stream and restarted on its data and ports: emulate --to kafka and 2 stream members recover",
  (kafka) => {
    const root = mkdtempSync(join(tmpdir(), "pinpipe-kafka-restart-"));
    const directory = join(root, "broker");
    const out = join(root, "out");
    const children: CliChild[] = [];
    let broker: LocalKafkaServer | undefined;
    afterAll(async () => {
      for (const child of children) child.process.kill("SIGKILL");
      await broker?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    it("writes every emulated record exactly once after the restart; the members and the producer keep running", async () => {
      const started = performance.now();
      const first = await startLocalKafka({ classpath: kafka.classpath!, directory });
      broker = first;
      const topics = TABLES.map((table) => `restart.${table}`);
      await ensureKafkaTopics({ brokers: [first.brokers], topics, partitions: PARTITIONS });
      const member = (): CliChild => {
        const child = startCli([
          "stream",
          "--source",
          "kafka",
          "--brokers",
          first.brokers,
          "--topic-prefix",
          "restart",
          "--group",
          "restart",
          // The test reads the stream's own micro-batch files (stream/tables/), not Delta tables.
          "--format",
          "parquet",
          "--out",
          out,
          "--batch-records",
          "10",
          "--batch-seconds",
          "0.3",
          "--session-timeout",
          "3",
        ]);
        children.push(child);
        return child;
      };
      const members = Array.from({ length: MEMBERS }, member);
      // 400 posts at 25 a second: records still flow when the broker goes down and after it is back.
      const emulate = startCli([
        "emulate",
        "--to",
        "kafka",
        "--brokers",
        first.brokers,
        "--topic-prefix",
        "restart",
        "--count",
        String(POSTS),
        "--sleep",
        "none",
        "--rate",
        "25",
        "--seed",
        String(SEED),
      ]);
      children.push(emulate);

      // Stop the broker once the members have written some records, so both sides are mid-stream.
      const waitStarted = performance.now();
      while ((writtenPerTopic(out).get("restart.pin") ?? 0) < 40) {
        expect(performance.now() - waitStarted, "no record written within 120 s").toBeLessThan(120_000);
        for (const child of [...members, emulate]) {
          if (child.process.exitCode !== null) throw new Error(`a process exited early: ${child.stderr()}`);
        }
        await sleep(200);
      }
      const writtenBefore = writtenPerTopic(out).get("restart.pin") ?? 0;
      expect(writtenBefore).toBeLessThan(POSTS);
      const stoppedAt = performance.now();
      await first.stop();
      await sleep(2_000);
      broker = await startLocalKafka({
        classpath: kafka.classpath!,
        directory,
        port: first.port,
        controllerPort: first.controllerPort,
      });
      const restartedAt = performance.now();
      expect(broker.brokers).toBe(first.brokers);

      const emulated = await emulate.exited;
      expect(emulated.code, emulate.stderr()).toBe(0);
      expect(emulate.stdout()).toContain(`${POSTS} posts sent to Kafka topics`);
      const resends = Number(/(\d+) resends/.exec(emulate.stdout())?.[1]);
      expect(resends, emulate.stdout()).toBeGreaterThan(0);

      let recoveredMs: number | undefined;
      while (topics.some((topic) => (writtenPerTopic(out).get(topic) ?? 0) < POSTS)) {
        const written = writtenPerTopic(out).get("restart.pin") ?? 0;
        if (recoveredMs === undefined && written > writtenBefore)
          recoveredMs = performance.now() - restartedAt;
        expect(
          performance.now() - restartedAt,
          "the members did not write every record within 180 s",
        ).toBeLessThan(180_000);
        for (const child of members) {
          if (child.process.exitCode !== null) throw new Error(`a member exited: ${child.stderr()}`);
        }
        await sleep(250);
      }
      for (const child of members) child.process.kill("SIGTERM");
      for (const child of members) {
        const exit = await child.exited;
        expect(exit.code, child.stderr()).toBe(0);
      }

      const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
      expect(output.other).toEqual([]);
      const expected = expectedRecords(SEED, POSTS, 0);
      for (const table of TABLES) {
        const found = (output.tables[table] ?? []).map((entry) => Number(entry.row.ind));
        const outcome = compareMultisets(expected[table].map(rowOf), found);
        expect(outcome, table).toEqual({ sent: POSTS, written: POSTS, duplicates: 0, lost: 0 });
        expect(output.rejected[table] ?? [], table).toEqual([]);
        addRecordOutcome({ ...outcome, rejected: 0 });
      }
      addCounts("crashes survived", { "Kafka broker restarts mid-stream (emulate + 2 stream members)": 1 });
      recordPeak(
        "elapsed (s)",
        "kafka: broker stopped until restarted and serving",
        (restartedAt - stoppedAt) / 1000,
      );
      recordPeak(
        "elapsed (s)",
        "kafka: restarted broker until the stream wrote again",
        (recoveredMs ?? performance.now() - restartedAt) / 1000,
      );
      recordPeak("elapsed (s)", "kafka broker restart test", (performance.now() - started) / 1000);
    }, 600_000);
  },
);
