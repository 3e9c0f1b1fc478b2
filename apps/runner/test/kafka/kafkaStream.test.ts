import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKafkaRecordProducer, ensureKafkaTopics } from "@pinpipe/ingest";
import { describeWithPeer } from "@pinpipe/test-peers";
import { Producer } from "@platformatic/kafka";
import { afterAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { openOutputSink } from "../../src/output/index";
import { expectedRecords, rowOf, runEmulateCommand, TABLES } from "../emulate/emulatorExpectations";
import { memoryContext } from "../stream/commandContext";
import { readStreamOutput } from "../stream/readStreamOutput";
import { useKafkaBroker } from "./kafkaBroker";

async function runStreamCommand(...args: string[]) {
  const io = memoryContext();
  const code = await main(["stream", ...args], commands, io.context);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** Every Kafka partition checkpoint under the output, by topic. */
async function kafkaCheckpoints(
  out: string,
): Promise<Record<string, { partition: number; next: string; totals: { in: number } }[]>> {
  const root = join(out, "stream/checkpoints/kafka");
  const result: Record<string, { partition: number; next: string; totals: { in: number } }[]> = {};
  for (const topic of await readdir(root)) {
    result[topic] = [];
    for (const file of await readdir(join(root, topic))) {
      result[topic].push(JSON.parse(await readFile(join(root, topic, file), "utf8")));
    }
  }
  return result;
}

describeWithPeer("kafka", "pinpipe emulate --to kafka → pinpipe stream --source kafka", (kafka) => {
  const broker = useKafkaBroker(kafka);
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });
  const newFolder = async (): Promise<string> => {
    const folder = await mkdtemp(join(tmpdir(), "pinpipe-kafka-stream-"));
    folders.push(folder);
    return folder;
  };

  it("writes every emulated record exactly once, in the same clean rows, with counts that reconcile", async () => {
    const emulated = await runEmulateCommand(
      "--to",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "e2e",
      "--partitions",
      "3",
      "--count",
      "60",
      "--sleep",
      "none",
      "--seed",
      "100",
    );
    expect(emulated.stderr).toBe("");
    expect(emulated.code).toBe(0);
    expect(emulated.stdout).toContain("60 posts sent to Kafka topics e2e.pin, e2e.geo, e2e.user");
    expect(emulated.stdout).toMatch(/records: pin 60, geo 60, user 60; \d+ produce calls, \d+ resends/);

    const out = await newFolder();
    const streamed = await runStreamCommand(
      "--source",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "e2e",
      "--group",
      "e2e-stream",
      "--out",
      out,
      "--until-idle",
      "3",
      "--batch-records",
      "7",
      "--batch-seconds",
      "1",
    );
    expect(streamed.code).toBe(0);
    for (const table of TABLES) {
      expect(streamed.stdout).toMatch(
        new RegExp(`${table}\\s+e2e\\.${table}: 60 records \\(60 clean, 0 rejected\\)`),
      );
    }

    const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
    expect(output.other).toEqual([]);
    const expected = expectedRecords(100, 60, 0);
    for (const table of TABLES) {
      const rows = output.tables[table]!.map((entry) => entry.row);
      expect(rows).toHaveLength(60);
      expect(rows.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(
        expected[table].map(rowOf).sort((a, b) => a - b),
      );
      // Three partitions, seven records per batch at most, files named after offsets.
      const shards = new Set(output.tables[table]!.map((entry) => entry.object.shardId));
      expect([...shards].sort()).toEqual([`e2e.${table}-0`, `e2e.${table}-1`, `e2e.${table}-2`]);
    }
    const checkpoints = await kafkaCheckpoints(out);
    for (const table of TABLES) {
      const parts = checkpoints[`e2e.${table}`]!.sort((a, b) => a.partition - b.partition);
      // Round-robin: 60 records over 3 partitions, 20 each.
      expect(parts.map((part) => part.next)).toEqual(["20", "20", "20"]);
      expect(parts.reduce((sum, part) => sum + part.totals.in, 0)).toBe(60);
    }
  }, 120_000);
  it("rejects hostile messages with their reasons and exact bytes: non-JSON, oversize, a key but no value, not an object, no key, not UTF-8, empty; counts reconcile", async () => {
    const brokers = [broker().brokers];
    await ensureKafkaTopics({
      brokers,
      topics: ["hostile.pin", "hostile.geo", "hostile.user"],
      partitions: 1,
    });
    const producer = createKafkaRecordProducer({ brokers });
    const big = JSON.stringify({ index: 9, description: "x".repeat(2_000) });
    await producer.send(
      ['{"index":1,"title":"ok"}', "not json{", big, "[1,2]", '{"title":"no index"}'].map((value) => ({
        topic: "hostile.pin",
        value,
        partition: 0,
      })),
    );
    await producer.close();
    // A key without a value (a tombstone) cannot be made through the record producer, which always sends one.
    const raw = new Producer({ clientId: "hostile", bootstrapBrokers: brokers });
    await raw.send({ messages: [{ topic: "hostile.pin", key: Buffer.from("k1"), partition: 0 }] });
    // Bytes that are not UTF-8, and an empty (not absent) value.
    await raw.send({
      messages: [
        { topic: "hostile.pin", value: Buffer.from([0xff, 0xfe, 0x7b]), partition: 0 },
        { topic: "hostile.pin", value: Buffer.alloc(0), partition: 0 },
      ],
    });
    await raw.close();

    const out = await newFolder();
    const streamed = await runStreamCommand(
      "--source",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "hostile",
      "--group",
      "hostile",
      "--out",
      out,
      "--until-idle",
      "2",
      "--batch-records",
      "100",
      "--batch-seconds",
      "1",
      "--max-record-bytes",
      "1KiB",
    );
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toMatch(
      /pin\s+hostile\.pin: 8 records \(1 clean, 7 rejected: invalid_json 4, too_long 1, not_an_object 1, missing_key 1\) in 1 batches/,
    );
    const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
    expect(output.tables.pin!.map((entry) => Number(entry.row.ind))).toEqual([1]);
    const rejected = output.rejected.pin!.map((entry) => entry.row);
    expect(
      rejected.map((line) => [
        line.reason,
        line.raw,
        (line.position as { sequenceNumber: string }).sequenceNumber,
      ]),
    ).toEqual([
      ["invalid_json", "not json{", "1"],
      ["too_long", null, "2"],
      ["not_an_object", "[1,2]", "3"],
      ["missing_key", '{"title":"no index"}', "4"],
      ["invalid_json", null, "5"],
      ["invalid_json", Buffer.from([0xff, 0xfe, 0x7b]).toString("base64"), "6"],
      ["invalid_json", "", "7"],
    ]);
    expect(rejected.map((line) => line.rawEncoding)).toEqual([
      "text",
      null,
      "text",
      "text",
      null,
      "base64",
      "text",
    ]);
    expect(JSON.stringify(rejected[1])).toContain("over the limit of 1024 bytes");
    expect(JSON.stringify(rejected[4])).toContain("a key but no value");
    expect((rejected[4]!.position as { partitionKey: string }).partitionKey).toBe("k1");
    const checkpoint = (await kafkaCheckpoints(out))["hostile.pin"]![0]!;
    expect(checkpoint.next).toBe("8");
    // Every message is accounted for: in = clean + rejected + duplicates, reasons summing to rejected.
    const totals = checkpoint.totals as unknown as {
      in: number;
      clean: number;
      rejected: number;
      duplicates: number;
      byReason: Record<string, number>;
    };
    expect(totals.in).toBe(8);
    expect(totals.clean + totals.rejected + totals.duplicates).toBe(totals.in);
    expect(Object.values(totals.byReason).reduce((sum, n) => sum + n, 0)).toBe(totals.rejected);
    expect(totals.rejected).toBe(rejected.length);
  }, 120_000);
  it("fails with exit 1 naming the topics that do not exist", async () => {
    const out = await newFolder();
    const streamed = await runStreamCommand(
      "--source",
      "kafka",
      "--brokers",
      broker().brokers,
      "--topic-prefix",
      "nope",
      "--group",
      "nope",
      "--out",
      out,
    );
    expect(streamed.code).toBe(1);
    expect(streamed.stderr).toContain(
      `topics nope.pin, nope.geo, nope.user not found on ${broker().brokers}`,
    );
  }, 60_000);
  it("shares the partitions between members of one group as they join and leave: every record once", async () => {
    const brokers = [broker().brokers];
    await ensureKafkaTopics({ brokers, topics: ["share.pin", "share.geo", "share.user"], partitions: 4 });
    const producer = createKafkaRecordProducer({ brokers });
    let next = 0;
    const produceRound = async (): Promise<void> => {
      const records = [];
      for (let i = 0; i < 40; i++, next++) {
        for (const table of TABLES) {
          const key = table === "pin" ? "index" : "ind";
          records.push({
            topic: `share.${table}`,
            value: JSON.stringify({ [key]: next }),
            partition: next % 4,
          });
        }
      }
      await producer.send(records);
    };
    const out = await newFolder();
    const member = (group: string) =>
      runStreamCommand(
        "--source",
        "kafka",
        "--brokers",
        broker().brokers,
        "--topic-prefix",
        "share",
        "--group",
        group,
        "--out",
        out,
        "--until-idle",
        "4",
        "--batch-records",
        "5",
        "--batch-seconds",
        "0.2",
        "--session-timeout",
        "2",
      );
    await produceRound();
    const first = member("share");
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await produceRound();
    }
    // A second member joins while records flow: the partitions are split between the two.
    const second = member("share");
    for (let round = 0; round < 4; round++) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await produceRound();
    }
    await producer.close();
    const [a, b] = await Promise.all([first, second]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/\d+ rebalances seen/);

    const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
    for (const table of TABLES) {
      const inds = (output.tables[table] ?? []).map((entry) => Number(entry.row.ind)).sort((x, y) => x - y);
      expect(inds, table).toEqual(Array.from({ length: next }, (_, i) => i));
    }
    const writers = (text: string): number => Number(/pin\s+share\.pin: (\d+) records/.exec(text)?.[1]);
    expect(writers(a.stdout)).toBeGreaterThan(0);
    expect(writers(b.stdout)).toBeGreaterThan(0);
    const checkpoints = await kafkaCheckpoints(out);
    for (const table of TABLES) {
      expect(checkpoints[`share.${table}`]!.map((part) => part.next).sort()).toEqual([
        "80",
        "80",
        "80",
        "80",
      ]);
    }
  }, 180_000);
});
