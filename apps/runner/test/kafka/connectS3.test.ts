import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createKafkaRecordProducer, ensureKafkaTopics } from "@pinpipe/ingest";
import { describeWithPeer } from "@pinpipe/test-peers";
import { Producer } from "@platformatic/kafka";
import { afterAll, expect, it } from "vitest";
import { CliError } from "../../src/command";
import { connectS3Command } from "../../src/commands/connectS3";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { runEmulateCommand } from "../emulate/emulatorExpectations";
import { memoryContext } from "../stream/commandContext";
import { useKafkaBroker } from "./kafkaBroker";

/** `pinpipe connect-s3 ...args` in-process (the command object, as main runs it). */
async function runConnectS3(...args: string[]) {
  const io = memoryContext();
  try {
    const code = await connectS3Command.run(args, io.context);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  } catch (error) {
    if (error instanceof CliError)
      return { code: error.exitCode, stdout: io.stdout(), stderr: error.message };
    throw error;
  }
}

async function runBatch(source: string, out: string) {
  const io = memoryContext();
  const code = await main(
    ["batch", "--source", source, "--out", out, "--run-id", "r1"],
    commands,
    io.context,
  );
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** Every file under `root`, path → content. */
async function tree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path), await readFile(path, "utf8"));
  }
  return files;
}

describeWithPeer(
  "kafka",
  "pinpipe connect-s3: Kafka topics → the Kafka Connect S3 layout → batch",
  (kafka) => {
    const broker = useKafkaBroker(kafka);
    const folders: string[] = [];
    afterAll(async () => {
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    });
    const newFolder = async (): Promise<string> => {
      const folder = await mkdtemp(join(tmpdir(), "pinpipe-connect-s3-"));
      folders.push(folder);
      return folder;
    };

    it("writes byte for byte what emulate --to dir lays out, and batch gives the same results from both", async () => {
      const common = ["--count", "120", "--sleep", "none", "--seed", "100", "--partitions", "2"];
      const viaKafka = await runEmulateCommand(
        "--to",
        "kafka",
        "--brokers",
        broker().brokers,
        "--topic-prefix",
        "cs3",
        ...common,
      );
      expect(viaKafka.code, viaKafka.stderr).toBe(0);
      const direct = await newFolder();
      const layout = await runEmulateCommand(
        "--to",
        "dir",
        "--out",
        direct,
        "--topic-prefix",
        "cs3",
        "--records-per-object",
        "25",
        ...common,
      );
      expect(layout.code, layout.stderr).toBe(0);

      const raw = await newFolder();
      const copied = await runConnectS3(
        "--brokers",
        broker().brokers,
        "--topics-regex",
        "cs3\\.(pin|geo|user)",
        "--out",
        raw,
        "--flush-size",
        "25",
        "--until-idle",
        "2",
        "--group",
        "cs3",
      );
      expect(copied.code, copied.stderr).toBe(0);
      expect(copied.stdout).toMatch(/360 records in 18 objects from cs3\.geo, cs3\.pin, cs3\.user/);
      const expected = await tree(direct);
      expect(expected.size).toBe(18);
      expect(await tree(raw)).toEqual(expected);

      const fromKafka = await newFolder();
      const fromDir = await newFolder();
      expect((await runBatch(raw, fromKafka)).code).toBe(0);
      expect((await runBatch(direct, fromDir)).code).toBe(0);
      const results = async (out: string) => tree(join(out, "runs/r1/results"));
      const kafkaResults = await results(fromKafka);
      expect(kafkaResults.size).toBeGreaterThan(0);
      expect(kafkaResults).toEqual(await results(fromDir));
    }, 180_000);

    it("resumes where its objects end: a second run adds only new records; every offset has one line", async () => {
      const brokers = [broker().brokers];
      await ensureKafkaTopics({ brokers, topics: ["rs.pin"], partitions: 1 });
      const producer = createKafkaRecordProducer({ brokers });
      await producer.send(
        Array.from({ length: 7 }, (_, i) => ({ topic: "rs.pin", value: `{"index":${i}}`, partition: 0 })),
      );
      const raw = await newFolder();
      const args = [
        "--brokers",
        broker().brokers,
        "--topics-regex",
        "rs\\.pin",
        "--out",
        raw,
        "--flush-size",
        "3",
        "--until-idle",
        "1.5",
      ];
      // A different group each time: the group's committed offsets are not what the run resumes from.
      expect((await runConnectS3(...args, "--group", "rs-1")).stdout).toMatch(/7 records in 3 objects/);
      await producer.send([
        { topic: "rs.pin", value: "line\nbreak", partition: 0 },
        { topic: "rs.pin", value: '{"index":8}', partition: 0 },
      ]);
      await producer.close();
      const tombstone = new Producer({ clientId: "rs", bootstrapBrokers: brokers });
      await tombstone.send({ messages: [{ topic: "rs.pin", key: Buffer.from("k"), partition: 0 }] });
      await tombstone.close();
      expect((await runConnectS3(...args, "--group", "rs-2")).stdout).toMatch(/3 records in 1 objects/);
      expect(Object.fromEntries(await tree(raw))).toEqual({
        "topics/rs.pin/partition=0/rs.pin+0+0000000000.json": '{"index":0}\n{"index":1}\n{"index":2}\n',
        "topics/rs.pin/partition=0/rs.pin+0+0000000003.json": '{"index":3}\n{"index":4}\n{"index":5}\n',
        "topics/rs.pin/partition=0/rs.pin+0+0000000006.json": '{"index":6}\n',
        "topics/rs.pin/partition=0/rs.pin+0+0000000007.json": '"line\\nbreak"\n{"index":8}\nnull\n',
      });
    }, 120_000);

    it("fails with exit 1 when no topic matches, and 2 for a bad regex", async () => {
      const none = await runConnectS3(
        "--brokers",
        broker().brokers,
        "--topics-regex",
        "nothing\\..*",
        "--out",
        await newFolder(),
      );
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/no topic on .* matches nothing\\\.\.\*/);
      const bad = await runConnectS3(
        "--brokers",
        broker().brokers,
        "--topics-regex",
        "(",
        "--out",
        await newFolder(),
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--topics-regex/);
    }, 60_000);
  },
);
