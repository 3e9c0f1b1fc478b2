import { spawnSync } from "node:child_process";
import { type FSWatcher, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSnapshot, localDeltaStorage, vacuumTable } from "@pinpipe/delta";
import {
  createKafkaRecordProducer,
  createPrng,
  ensureKafkaTopics,
  type GeneratedPost,
  generatePosts,
  type KafkaRecordProducer,
  type KafkaRecordToSend,
} from "@pinpipe/ingest";
import { type LocalKafkaServer, startLocalKafka } from "@pinpipe/local-aws";
import { describeWithPeer, peer } from "@pinpipe/test-peers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openOutputSink } from "../../../src/output/index";
import { kafkaAppId } from "../../../src/stream/kafkaDeltaTable";
import { readDeltaTableState } from "../../stream/readDeltaTableState";
import { readStreamOutput } from "../../stream/readStreamOutput";
import { type CliChild, startCli } from "../../stream/runCli";
import { kafkaCheckpointOffsets } from "../support/kafkaCheckpointOffsets";
import { KafkaTakeoverWatch } from "../support/kafkaTakeoverWatch";
import { addRecordOutcome, compareIds } from "../support/recordTally";
import { addCounts, recordPeak } from "../support/reliabilityTally";

const KILLS = Number(process.env.PINPIPE_KAFKA_CRASH_KILLS ?? 20);
const WORKERS = 3;
const PARTITIONS = 6;
const SEED = 14_014_014;
const TABLES = ["pin", "geo", "user"] as const;
const POSTS_PER_ROUND = 20;
/** Kills of a member owning partitions in a settled group, each timed until others write them. */
const TIMED_KILLS = 3;
const READER = fileURLToPath(
  new URL("../../../../../packages/delta/test/support/readDeltaTable.py", import.meta.url),
);
/** A micro-batch data file's name: `part-<n>-<topic>-<partition>-<firstOffset>_<lastOffset>-<attempt>.parquet`. */
const DATA_FILE = /-(crash\.(?:pin|geo|user)-\d+)-(\d+)_\d+-[0-9a-f]+\.parquet$/;

describeWithPeer(
  "kafka",
  "pinpipe stream --source kafka (Delta tables): 3 group members killed with SIGKILL at seeded points while records flow",
  (kafka) => {
    const root = mkdtempSync(join(tmpdir(), "pinpipe-kafka-crash-"));
    const out = join(root, "out");
    const topics = { pin: "crash.pin", geo: "crash.geo", user: "crash.user" };
    let broker: LocalKafkaServer;
    let producer: KafkaRecordProducer;
    const sent: Record<string, number[]> = { pin: [], geo: [], user: [] };
    const sentBad: Record<string, string[]> = { pin: [], geo: [], user: [] };
    /** Records produced per topic partition: what the checkpoints must reach. */
    const produced = new Map<string, bigint>();
    const posts = generatePosts({ seed: SEED, count: 100_000 })[Symbol.iterator]();
    let round = 0;
    const workers: CliChild[] = [];
    /** `Date.now()` when each worker slot's process was started. */
    const startedAt: number[] = [];
    const tableStorage = (table: (typeof TABLES)[number]) =>
      localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`));

    /**
     * Where a kill left the killed member's partitions (those it owned in the group's last view),
     * read while the group has not given them to anyone yet (that takes the 2 s session timeout):
     * a partition whose table `txn` is ahead of its checkpoint was killed between commit and
     * checkpoint; a data file nothing references, of a batch starting at the partition's `txn`,
     * written in this process's lifetime, between data files and commit. Checks on the way that no
     * partition's table is behind its checkpoint (checkpoints are read first: a live member writes
     * its checkpoint after its commit).
     */
    /** Every file under the tables, relative to `<out>/tables`. */
    const tableFiles = (): string[] => {
      try {
        return readdirSync(join(out, "tables"), { recursive: true, encoding: "utf8" });
      } catch {
        return [];
      }
    };

    /** The partition (`<topic>-<partition>`) a commit file of the tables commits, if it is one. */
    const shardOfCommit = (table: string, name: string): string | undefined => {
      if (!/^\d{20}\.json$/.test(name)) return undefined;
      try {
        const text = readFileSync(join(out, "tables", table, "_delta_log", name), "utf8");
        const appId = /"appId":"pinpipe-kafka\/([^"/]+)\/(\d+)"/.exec(text);
        return appId === null ? undefined : `${appId[1]}-${appId[2]}`;
      } catch {
        return undefined;
      }
    };

    /**
     * Waits up to 10 s for a member to store a new data file (`data`: it is between its data files
     * and its commit now; found by listing) or a new commit (`commit`: between its commit and its
     * checkpoint, a window of a few milliseconds; found by watching the logs, so the kill follows at
     * once), and answers the worker that owns that file's partition (`ownerOf`, -1 for none).
     */
    async function writerCaughtAt(
      point: "data" | "commit",
      ownerOf: (shard: string) => number,
    ): Promise<number | undefined> {
      if (point === "commit") {
        return new Promise((resolve) => {
          const watchers: FSWatcher[] = [];
          const done = (owner: number | undefined): void => {
            for (const watcher of watchers) watcher.close();
            clearTimeout(timer);
            resolve(owner);
          };
          const timer = setTimeout(() => done(undefined), 10_000);
          for (const table of TABLES) {
            const folder = `pinpipe_${table}_table`;
            watchers.push(
              watch(join(out, "tables", folder, "_delta_log"), (_event, name) => {
                const shard = name === null ? undefined : shardOfCommit(folder, name);
                const owner = shard === undefined ? -1 : ownerOf(shard);
                if (owner >= 0) done(owner);
              }),
            );
          }
        });
      }
      const known = new Set(tableFiles());
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        for (const path of tableFiles()) {
          if (known.has(path)) continue;
          known.add(path);
          const shard = DATA_FILE.exec(path)?.[1];
          const owner = shard === undefined ? -1 : ownerOf(shard);
          if (owner >= 0) return owner;
        }
      }
      return undefined;
    }

    async function killPoint(
      partitions: readonly string[],
      since: number,
    ): Promise<{ ahead: boolean; uncommitted: boolean }> {
      const checkpoints = kafkaCheckpointOffsets(out);
      const owned = new Set(partitions);
      let ahead = false;
      let uncommitted = false;
      for (const table of TABLES) {
        const storage = tableStorage(table);
        const snapshot = await loadSnapshot(storage);
        const txnOf = (key: string): bigint => {
          const partition = Number(key.slice(key.lastIndexOf("-") + 1));
          return BigInt(snapshot?.txns.get(kafkaAppId(topics[table], partition)) ?? 0);
        };
        for (const [key, next] of checkpoints) {
          if (!key.startsWith(`${topics[table]}-`)) continue;
          expect(txnOf(key), `${key}: table behind its checkpoint`).toBeGreaterThanOrEqual(next);
          if (owned.has(key) && txnOf(key) > next) ahead = true;
        }
        for (const file of await storage.listAll()) {
          const match = DATA_FILE.exec(file.path);
          if (match === null || file.path.startsWith("_delta_log/") || snapshot?.files.has(file.path))
            continue;
          const [, shard, first] = match as unknown as [string, string, string];
          if (owned.has(shard) && BigInt(first) === txnOf(shard) && file.modificationTime >= since) {
            uncommitted = true;
          }
        }
      }
      return { ahead, uncommitted };
    }

    async function produce(count: number): Promise<void> {
      const batch: GeneratedPost[] = [];
      for (let i = 0; i < count; i++) batch.push(posts.next().value as GeneratedPost);
      round += 1;
      const records: KafkaRecordToSend[] = [];
      for (const table of TABLES) {
        const values = batch.map((post) => JSON.stringify(post[table]));
        const bad = JSON.stringify({ index: `bad-${round}`, note: "not a key" });
        values.push(bad);
        sentBad[table]!.push(bad);
        sent[table]!.push(
          ...batch.map((post) =>
            Number(
              (post[table] as { ind?: number; index?: number }).ind ??
                (post[table] as { index?: number }).index,
            ),
          ),
        );
        values.forEach((value, index) => {
          const partition = (round * 7 + index) % PARTITIONS;
          records.push({ topic: topics[table], value, partition });
          const key = `${topics[table]}-${partition}`;
          produced.set(key, (produced.get(key) ?? 0n) + 1n);
        });
      }
      await producer.send(records);
    }

    const startWorker = (): CliChild =>
      startCli([
        "stream",
        "--source",
        "kafka",
        "--brokers",
        broker.brokers,
        "--topic-prefix",
        "crash",
        "--group",
        "crash",
        "--out",
        out,
        "--batch-records",
        "12",
        "--batch-seconds",
        "0.2",
        "--session-timeout",
        "2",
      ]);

    const caughtUp = (): boolean => {
      const written = kafkaCheckpointOffsets(out);
      return [...produced].every(([key, count]) => written.get(key) === count);
    };

    beforeAll(async () => {
      broker = await startLocalKafka({ classpath: kafka.classpath! });
      await ensureKafkaTopics({
        brokers: [broker.brokers],
        topics: Object.values(topics),
        partitions: PARTITIONS,
      });
      producer = createKafkaRecordProducer({ brokers: [broker.brokers] });
    }, 180_000);
    afterAll(async () => {
      for (const worker of workers) worker.process.kill("SIGKILL");
      await producer?.close();
      await broker?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    it(`survives ${KILLS} kills of group members: every record written exactly once, 0 lost, 0 duplicated`, async () => {
      const prng = createPrng(SEED);
      const started = performance.now();
      await produce(POSTS_PER_ROUND);
      for (let i = 0; i < WORKERS; i++) {
        startedAt.push(Date.now());
        workers.push(startWorker());
      }
      // How long a partition with records still to write went without its checkpoint moving: a dead
      // member's partitions wait for its session to expire and the group to rebalance, and every
      // rebalance drops what the members buffered, so under kills every few seconds this is the
      // takeover time plus any starvation from the churn.
      const lastProgress = new Map<string, { next: bigint; at: number }>();
      let longestStallMs = 0;
      const watch = setInterval(() => {
        const now = performance.now();
        const written = kafkaCheckpointOffsets(out);
        for (const [key, count] of produced) {
          const next = written.get(key) ?? 0n;
          const seen = lastProgress.get(key);
          if (seen === undefined || next !== seen.next || next >= count) {
            lastProgress.set(key, { next, at: now });
            continue;
          }
          longestStallMs = Math.max(longestStallMs, now - seen.at);
        }
      }, 100);
      // How long a killed member's partitions wait for another member to write them (see KafkaTakeoverWatch).
      const takeovers = new KafkaTakeoverWatch(broker.brokers, "crash", () => kafkaCheckpointOffsets(out));
      takeovers.start();
      let kills = 0;
      // Where kills fell (see killPoint).
      let betweenDataAndCommit = 0;
      let betweenCommitAndCheckpoint = 0;
      const classify = async (victim: number): Promise<void> => {
        const point = await killPoint(
          takeovers.partitionsOf(workers[victim]!.process.pid),
          startedAt[victim]!,
        );
        if (point.uncommitted) betweenDataAndCommit += 1;
        if (point.ahead) betweenCommitAndCheckpoint += 1;
      };
      while (kills < KILLS) {
        await produce(POSTS_PER_ROUND);
        // Seeded points: 0.5 to 3 s after the last kill, while the members start, rebalance and write.
        await new Promise((resolve) => setTimeout(resolve, 500 + prng.nextFloat() * 2_500));
        const victim = prng.nextInt(WORKERS);
        workers[victim]!.process.kill("SIGKILL");
        await workers[victim]!.exited;
        kills += 1;
        await classify(victim);
        startedAt[victim] = Date.now();
        workers[victim] = startWorker();
      }
      await produce(POSTS_PER_ROUND);
      const drainStarted = performance.now();
      while (!caughtUp()) {
        expect(
          performance.now() - drainStarted,
          "the members did not write every record within 180 s",
        ).toBeLessThan(180_000);
        for (const worker of workers) {
          if (worker.process.exitCode !== null) throw new Error(`a member exited: ${worker.stderr()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const drainMs = performance.now() - drainStarted;
      clearInterval(watch);
      // Under kills every 0.5 to 3 s the group hardly settles, so takeovers are timed apart: once
      // every member owns partitions, one is killed while records flow, and the time until another
      // member has written each of its partitions is taken; then it is restarted.
      for (let timed = 0; timed < TIMED_KILLS; timed++) {
        const settleStarted = performance.now();
        while (!takeovers.settled(workers.map((worker) => worker.process.pid))) {
          expect(performance.now() - settleStarted, "the group did not settle within 120 s").toBeLessThan(
            120_000,
          );
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        const seeded = prng.nextInt(WORKERS);
        await produce(POSTS_PER_ROUND);
        // The member caught writing is killed at once: between its data files and its commit, or
        // between its commit and its checkpoint (a seeded pick if none is caught).
        const victim =
          (await writerCaughtAt(timed % 2 === 0 ? "commit" : "data", (shard) =>
            workers.findIndex((worker) => takeovers.partitionsOf(worker.process.pid).includes(shard)),
          )) ?? seeded;
        workers[victim]!.process.kill("SIGKILL");
        await workers[victim]!.exited;
        takeovers.killed(workers[victim]!.process.pid);
        await classify(victim);
        // Records for every partition after the kill: the victim's are written only by another member.
        await produce(POSTS_PER_ROUND);
        const killedAt = performance.now();
        while (takeovers.pending() > 0) {
          expect(
            performance.now() - killedAt,
            "no member took the partitions over within 120 s",
          ).toBeLessThan(120_000);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        startedAt[victim] = Date.now();
        workers[victim] = startWorker();
      }
      const timedDrainStarted = performance.now();
      while (!caughtUp()) {
        expect(
          performance.now() - timedDrainStarted,
          "the last records were not written within 180 s",
        ).toBeLessThan(180_000);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const { takeoverMs, unmeasured, polls } = await takeovers.stop();
      for (const worker of workers) worker.process.kill("SIGTERM");
      for (const worker of workers) {
        const exit = await worker.exited;
        // A member started after the last kill may still be loading (no signal handler yet): SIGTERM ends it.
        if (exit.signal === "SIGTERM" && worker.stdout() === "") continue;
        expect(exit.code, worker.stderr()).toBe(0);
      }

      const output = await readStreamOutput(openOutputSink(out, { cwd: out }));
      expect(output.other).toEqual([]);
      // The clean records are in the Delta tables only.
      expect(output.tables).toEqual({});
      // Every object is covered by its partition's checkpoint (the dead members' extra ones were removed).
      const written = kafkaCheckpointOffsets(out);
      for (const entries of Object.values(output.rejected)) {
        for (const entry of entries) {
          expect(BigInt(entry.object.last.sequenceNumber), entry.path).toBeLessThan(
            written.get(entry.object.shardId)!,
          );
        }
      }
      const deltalake = peer("deltalake");
      let orphans = 0;
      for (const table of TABLES) {
        const state = await readDeltaTableState(tableStorage(table));
        expect(state.missing, `${table}: referenced files missing`).toEqual([]);
        const inds = state.inds;
        // Each partition's txn is where its checkpoint is, every record produced to it.
        for (const [key, count] of produced) {
          if (!key.startsWith(`${topics[table]}-`)) continue;
          const partition = Number(key.slice(key.lastIndexOf("-") + 1));
          expect(BigInt(state.txns.get(kafkaAppId(topics[table], partition)) ?? 0), key).toBe(count);
        }
        // Files of killed and refused attempts are never referenced; vacuum takes them away.
        orphans += state.orphans.length;
        const { deleted } = await vacuumTable(tableStorage(table), { retentionMs: 0 });
        expect(deleted.length).toBeGreaterThanOrEqual(state.orphans.length);
        expect((await readDeltaTableState(tableStorage(table))).inds).toEqual(inds);
        if (deltalake.ready) {
          const read = spawnSync(deltalake.python!, [READER, join(out, "tables", `pinpipe_${table}_table`)], {
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
          });
          expect(read.status, read.stderr).toBe(0);
          const rows = (JSON.parse(read.stdout) as { rows: { ind: number }[] }).rows;
          expect(
            compareIds(
              sent[table]!,
              rows.map((row) => Number(row.ind)),
            ),
            `delta-rs ${table}`,
          ).toEqual({ sent: sent[table]!.length, written: sent[table]!.length, duplicates: 0, lost: 0 });
        }
        const outcome = compareIds(sent[table]!, inds);
        expect(outcome, table).toEqual({
          sent: sent[table]!.length,
          written: sent[table]!.length,
          duplicates: 0,
          lost: 0,
        });
        const rejected = (output.rejected[table] ?? []).map((entry) => String(entry.row.raw));
        expect([...rejected].sort(), table).toEqual([...sentBad[table]!].sort());
        addRecordOutcome({
          ...outcome,
          sent: outcome.sent + sentBad[table]!.length,
          rejected: rejected.length,
        });
      }
      addCounts("crashes survived", {
        "pinpipe stream --source kafka, 3 members (SIGKILL)": kills + TIMED_KILLS,
        "kafka Delta kills between data files and commit": betweenDataAndCommit,
        "kafka Delta kills between commit and checkpoint (replayed, not recommitted)":
          betweenCommitAndCheckpoint,
        "kafka Delta orphan data files (never referenced, vacuumed)": orphans,
      });
      recordPeak("elapsed (s)", "kafka stream crash loop", (performance.now() - started) / 1000);
      recordPeak("elapsed (s)", "kafka: last round written after the kills", drainMs / 1000);
      recordPeak(
        "elapsed (s)",
        "kafka: longest a partition went unwritten while members were killed",
        longestStallMs / 1000,
      );
      expect(
        takeoverMs.length,
        `timed takeovers (${polls.stable} of ${polls.all} polls found the group stable; ${polls.lastError})`,
      ).toBe(TIMED_KILLS);
      const sorted = [...takeoverMs].sort((a, b) => a - b);
      const median =
        sorted.length % 2 === 1
          ? sorted[(sorted.length - 1) / 2]!
          : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
      addCounts("kafka takeover after a kill", {
        "kills timed": takeoverMs.length,
        "kills not timed": unmeasured,
      });
      recordPeak(
        "elapsed (s)",
        "kafka: kill → its partitions written by another member, median",
        median / 1000,
      );
      recordPeak(
        "elapsed (s)",
        "kafka: kill → its partitions written by another member, max",
        sorted.at(-1)! / 1000,
      );
    }, 1_200_000);
  },
);
