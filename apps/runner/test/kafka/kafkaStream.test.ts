import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanTableDefinition, type DeltaStorage, localDeltaStorage } from "@pinpipe/delta";
import {
  createKafkaRecordProducer,
  ensureKafkaTopics,
  type KafkaGroupSource,
  openKafkaGroupSource,
} from "@pinpipe/ingest";
import { describeWithPeer } from "@pinpipe/test-peers";
import { Producer } from "@platformatic/kafka";
import { afterAll, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { type OutputSink, openOutputSink } from "../../src/output/index";
import { consumeKafkaTopics } from "../../src/stream/consumeKafkaTopics";
import { kafkaAppId } from "../../src/stream/kafkaDeltaTable";
import { expectedRecords, rowOf, runEmulateCommand, TABLES } from "../emulate/emulatorExpectations";
import { memoryContext } from "../stream/commandContext";
import { readDeltaTableState } from "../stream/readDeltaTableState";
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

  it("writes every emulated record exactly once into the Delta tables (the default), one txn per partition, with counts that reconcile", async () => {
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
    expect(streamed.code, streamed.stderr).toBe(0);
    for (const table of TABLES) {
      expect(streamed.stdout).toMatch(
        new RegExp(`${table}\\s+e2e\\.${table}: 60 records \\(60 clean, 0 rejected\\)`),
      );
    }

    // The clean rows are in the Delta tables only; the stream folder holds rejected records,
    // windows and checkpoints.
    const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
    expect(output.other).toEqual([]);
    expect(output.tables).toEqual({});
    const expected = expectedRecords(100, 60, 0);
    const checkpoints = await kafkaCheckpoints(out);
    for (const table of TABLES) {
      const state = await readDeltaTableState(
        localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`)),
      );
      expect(state.missing).toEqual([]);
      expect(state.inds).toEqual(expected[table].map(rowOf).sort((a, b) => a - b));
      expect(streamed.stdout).toContain(
        `${table.padEnd(4)} Delta table ${out}/tables/pinpipe_${table}_table at version ${state.version}`,
      );
      const parts = checkpoints[`e2e.${table}`]!.sort((a, b) => a.partition - b.partition);
      // Round-robin: 60 records over 3 partitions, 20 each.
      expect(parts.map((part) => part.next)).toEqual(["20", "20", "20"]);
      expect(parts.reduce((sum, part) => sum + part.totals.in, 0)).toBe(60);
      // Each partition's txn is the offset after its last committed record, as its checkpoint says.
      expect([...state.txns].sort()).toEqual(
        [0, 1, 2].map((partition) => [kafkaAppId(`e2e.${table}`, partition), 20]),
      );
      // Seven records per micro-batch at most: at least three commits per partition of 20.
      expect(state.version + 1).toBeGreaterThanOrEqual(9);
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
      "--format",
      "parquet",
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
  it("shares 6-partition topics between members of one group as they join and leave: every record once in the Delta tables", async () => {
    const brokers = [broker().brokers];
    await ensureKafkaTopics({ brokers, topics: ["share.pin", "share.geo", "share.user"], partitions: 6 });
    const producer = createKafkaRecordProducer({ brokers });
    let next = 0;
    const produceRound = async (): Promise<void> => {
      const records = [];
      for (let i = 0; i < 60; i++, next++) {
        for (const table of TABLES) {
          const key = table === "pin" ? "index" : "ind";
          records.push({
            topic: `share.${table}`,
            value: JSON.stringify({ [key]: next }),
            partition: next % 6,
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

    const checkpoints = await kafkaCheckpoints(out);
    for (const table of TABLES) {
      const state = await readDeltaTableState(
        localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`)),
      );
      expect(state.missing, table).toEqual([]);
      expect(state.inds, table).toEqual(Array.from({ length: next }, (_, i) => i));
      // 480 records round-robin over 6 partitions: each partition's txn and checkpoint at offset 80.
      expect([...state.txns].sort(), table).toEqual(
        [0, 1, 2, 3, 4, 5].map((partition) => [kafkaAppId(`share.${table}`, partition), 80]),
      );
      expect(checkpoints[`share.${table}`]!.map((part) => part.next)).toEqual(Array(6).fill("80"));
      // Counts reconcile: the partitions' totals are every record, each clean.
      const totals = checkpoints[`share.${table}`]!.map((part) => part.totals.in);
      expect(
        totals.reduce((sum, n) => sum + n, 0),
        table,
      ).toBe(next);
    }
    // Both members committed: each of them wrote a share of the partitions.
    const writers = (text: string): number => Number(/pin\s+share\.pin: (\d+) records/.exec(text)?.[1]);
    expect(writers(a.stdout)).toBeGreaterThan(0);
    expect(writers(b.stdout)).toBeGreaterThan(0);
  }, 180_000);
  it("refuses a zombie member's commit: its partition moved to another member between its data files and its commit", async () => {
    const brokers = [broker().brokers];
    const topics = { pin: "zombie.pin", geo: "zombie.geo", user: "zombie.user" };
    await ensureKafkaTopics({ brokers, topics: Object.values(topics), partitions: 1 });
    const producer = createKafkaRecordProducer({ brokers });
    await producer.send(
      TABLES.flatMap((table) =>
        Array.from({ length: 10 }, (_, ind) => ({
          topic: topics[table],
          value: JSON.stringify({ [table === "pin" ? "index" : "ind"]: ind }),
          partition: 0,
        })),
      ),
    );
    await producer.close();
    const out = await newFolder();
    const tableOf = (table: "pin" | "geo" | "user") =>
      localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`));

    // Member A stalls after storing its pin batch's data files (a long pause, as a GC or a frozen
    // VM would cause): meanwhile it leaves the group, and until it resumes it still believes it owns
    // the partition, as a member that missed the rebalance does.
    let stalled!: () => void;
    const reachedStall = new Promise<void>((resolve) => {
      stalled = resolve;
    });
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const pinStorage = tableOf("pin");
    const stallingPin: DeltaStorage = {
      ...pinStorage,
      location: pinStorage.location,
      read: (path) => pinStorage.read(path),
      list: (folder) => pinStorage.list(folder),
      listAll: () => pinStorage.listAll(),
      remove: (path) => pinStorage.remove(path),
      putIfAbsent: (path, bytes) => pinStorage.putIfAbsent(path, bytes),
      async put(path, bytes) {
        await pinStorage.put(path, bytes);
        if (path.endsWith(".parquet") && !path.startsWith("_delta_log/")) {
          stalled();
          await resumed;
        }
      },
    };
    const real = await openKafkaGroupSource({
      brokers,
      group: "zombie",
      topics: Object.values(topics),
      sessionTimeoutMs: 6_000,
    });
    let frozen: { generation: number } | undefined;
    const source: KafkaGroupSource = {
      messages: real.messages,
      generation: () => frozen?.generation ?? real.generation(),
      joinedAt: () => real.joinedAt(),
      rebalancing: () => (frozen === undefined ? real.rebalancing() : false),
      endOffsets: () => real.endOffsets(),
      owns: (topic, partition) => frozen !== undefined || real.owns(topic, partition),
      assignments: () => real.assignments(),
      seek: (topic, partition, offset) => real.seek(topic, partition, offset),
      commit: (offsets) => real.commit(offsets),
      stop: () => real.stop(),
      close: () => real.close(),
      reconnects: () => real.reconnects(),
    };
    const definition = (table: "pin" | "geo" | "user") => cleanTableDefinition(table, "pinpipe");
    const zombie = consumeKafkaTopics({
      source,
      sink: openOutputSink(out, { cwd: out }),
      topics,
      batchRecords: 100,
      batchMs: 300,
      takeoverGraceMs: 0,
      delta: {
        pin: { storage: stallingPin, definition: definition("pin") },
        geo: { storage: tableOf("geo"), definition: definition("geo") },
        user: { storage: tableOf("user"), definition: definition("user") },
      },
    });
    await reachedStall;
    frozen = { generation: real.generation() };
    await real.stop();
    await real.close();

    // Member B gets every partition: the table has nothing of pin yet, so it writes offsets 0 to 9.
    const b = await runStreamCommand(
      ...[
        "--source",
        "kafka",
        "--brokers",
        broker().brokers,
        "--topic-prefix",
        "zombie",
        "--group",
        "zombie",
      ],
      ...["--out", out, "--until-idle", "2", "--batch-seconds", "0.3", "--session-timeout", "6"],
    );
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/pin\s+zombie\.pin: 10 records \(10 clean, 0 rejected\) in \d+ batches/);
    const before = await readDeltaTableState(tableOf("pin"));
    expect(before.txns.get(kafkaAppId("zombie.pin", 0))).toBe(10);

    // A resumes: its commit follows offset 0, but the table holds the partition at 10 now.
    resume();
    const stats = await zombie.done;
    const pin = stats.find((s) => s.table === "pin")!;
    expect(pin.refused).toBe(1);
    expect(pin.run.in).toBe(0);
    const after = await readDeltaTableState(tableOf("pin"));
    expect(after.version).toBe(before.version);
    expect(after.inds).toEqual(Array.from({ length: 10 }, (_, i) => i));
    // A's data files are stored but never referenced.
    expect(after.orphans.length).toBeGreaterThan(0);
    for (const table of ["geo", "user"] as const) {
      expect((await readDeltaTableState(tableOf(table))).inds, table).toEqual(
        Array.from({ length: 10 }, (_, i) => i),
      );
    }
    const checkpoint = (await kafkaCheckpoints(out))["zombie.pin"]![0]!;
    expect([checkpoint.next, checkpoint.totals.in]).toEqual(["10", 10]);
  }, 120_000);
  it("a member stopped between its commit and its checkpoint: the next owner replays that batch without committing it again", async () => {
    const brokers = [broker().brokers];
    const topics = { pin: "replay.pin", geo: "replay.geo", user: "replay.user" };
    await ensureKafkaTopics({ brokers, topics: Object.values(topics), partitions: 1 });
    const producer = createKafkaRecordProducer({ brokers });
    await producer.send(
      TABLES.flatMap((table) =>
        Array.from({ length: 10 }, (_, ind) => ({
          topic: topics[table],
          value: JSON.stringify({ [table === "pin" ? "index" : "ind"]: ind }),
          partition: 0,
        })),
      ),
    );
    await producer.close();
    const out = await newFolder();
    const pinTable = localDeltaStorage(join(out, "tables", "pinpipe_pin_table"));
    const sink = openOutputSink(out, { cwd: out });
    // The pin partition's checkpoint write fails, standing in for a kill right after the commit.
    const failingSink: OutputSink = {
      location: sink.location,
      get: (path) => sink.get(path),
      exists: (path) => sink.exists(path),
      list: (prefix) => sink.list(prefix),
      remove: (path) => sink.remove(path),
      async put(path, body) {
        if (path === "stream/checkpoints/kafka/replay.pin/0.json")
          throw new Error("killed before the checkpoint");
        return sink.put(path, body);
      },
    };
    const definition = (table: "pin" | "geo" | "user") => cleanTableDefinition(table, "pinpipe");
    const first = consumeKafkaTopics({
      source: await openKafkaGroupSource({ brokers, group: "replay", topics: Object.values(topics) }),
      sink: failingSink,
      topics,
      batchRecords: 100,
      batchMs: 300,
      takeoverGraceMs: 0,
      delta: {
        pin: { storage: pinTable, definition: definition("pin") },
        geo: {
          storage: localDeltaStorage(join(out, "tables", "pinpipe_geo_table")),
          definition: definition("geo"),
        },
        user: {
          storage: localDeltaStorage(join(out, "tables", "pinpipe_user_table")),
          definition: definition("user"),
        },
      },
    });
    await expect(first.done).rejects.toThrow(/killed before the checkpoint/);
    const committed = await readDeltaTableState(pinTable);
    expect(committed.txns.get(kafkaAppId("replay.pin", 0))).toBe(10);
    expect(committed.inds).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(await sink.exists("stream/checkpoints/kafka/replay.pin/0.json")).toBe(false);

    const again = await runStreamCommand(
      ...[
        "--source",
        "kafka",
        "--brokers",
        broker().brokers,
        "--topic-prefix",
        "replay",
        "--group",
        "replay",
      ],
      ...["--out", out, "--until-idle", "2", "--batch-seconds", "0.3", "--session-timeout", "6"],
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /pin\s+replay\.pin: 10 records \(10 clean, 0 rejected\) in 1 batches;[^\n]* 1 committed batches replayed/,
    );
    const after = await readDeltaTableState(pinTable);
    // No new commit of pin: the same version, every record once.
    expect(after.version).toBe(committed.version);
    expect(after.inds).toEqual(Array.from({ length: 10 }, (_, i) => i));
    const checkpoint = (await kafkaCheckpoints(out))["replay.pin"]![0]!;
    expect([checkpoint.next, checkpoint.totals.in]).toEqual(["10", 10]);
    for (const table of ["geo", "user"] as const) {
      const state = await readDeltaTableState(
        localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`)),
      );
      expect(state.inds, table).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(state.txns.get(kafkaAppId(topics[table], 0)), table).toBe(10);
    }
  }, 120_000);
});
