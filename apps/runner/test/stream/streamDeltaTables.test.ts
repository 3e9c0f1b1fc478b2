import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { S3Client } from "@aws-sdk/client-s3";
import type { TableName } from "@pinpipe/clean";
import {
  cleanTableDefinition,
  type DeltaAction,
  type DeltaStorage,
  filePathOfUri,
  loadSnapshot,
  localDeltaStorage,
  optimizeCleanTable,
  readCommitActions,
  s3DeltaStorage,
} from "@pinpipe/delta";
import { createKinesisClient, createS3Client, generatePosts } from "@pinpipe/ingest";
import { type LocalServer, startLocalKinesis, startLocalS3 } from "@pinpipe/local-aws";
import { describeWithPeer } from "@pinpipe/test-peers";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index";
import { main } from "../../src/main";
import { LocalOutputSink, type OutputSink, S3OutputSink } from "../../src/output/index";
import type { StreamStats } from "../../src/stream/consumeStream";
import { runStream } from "../../src/stream/runStream";
import { type StreamDeltaTable, streamAppId } from "../../src/stream/streamDeltaTable";
import type { StreamNames } from "../../src/stream/streamNames";
import { memoryContext } from "./commandContext";
import { createStreams, putPosts, waitFor } from "./kinesisFixture";

const READER = fileURLToPath(
  new URL("../../../../packages/delta/test/support/readDeltaTable.py", import.meta.url),
);

let kinesis: LocalServer;
let s3: LocalServer;
let client: KinesisClient;
let s3Client: S3Client;
const root = mkdtempSync(join(tmpdir(), "pinpipe-stream-delta-"));

beforeAll(async () => {
  [kinesis, s3] = await Promise.all([startLocalKinesis(), startLocalS3({ buckets: ["lake"] })]);
  client = createKinesisClient({ endpoint: kinesis.endpoint });
  s3Client = createS3Client({ endpoint: s3.endpoint });
});
afterAll(async () => {
  client?.destroy();
  s3Client?.destroy();
  await Promise.all([kinesis?.stop(), s3?.stop()]);
  rmSync(root, { recursive: true, force: true });
});

const posts = [...generatePosts({ seed: 23, count: 150 })];
const sentInds = posts.map((post) => post.geo.ind).sort((a, b) => a - b);

/** Storage wrappers that fail on purpose, standing in for a process killed at that point. */
interface Faults {
  /** Fail the data file writes of the commit after this many commits. */
  beforeData?: number;
  /** Fail the commit file after this many commits (its data files are stored). */
  beforeCommit?: number;
  /** Fail the checkpoint that follows this many commits. */
  beforeCheckpoint?: number;
}

function faultyStorage(storage: DeltaStorage, faults: Faults, commits: { n: number }): DeltaStorage {
  return {
    ...storage,
    location: storage.location,
    read: (path) => storage.read(path),
    list: (folder) => storage.list(folder),
    listAll: () => storage.listAll(),
    remove: (path) => storage.remove(path),
    async put(path, bytes) {
      if (path.endsWith(".parquet") && !path.startsWith("_delta_log/") && commits.n === faults.beforeData) {
        throw new Error("killed before the data files");
      }
      return storage.put(path, bytes);
    },
    async putIfAbsent(path, bytes) {
      if (commits.n === faults.beforeCommit) throw new Error("killed between the data files and the commit");
      const created = await storage.putIfAbsent(path, bytes);
      if (created) commits.n++;
      return created;
    },
  };
}

function faultySink(
  sink: OutputSink,
  checkpoint: string,
  faults: Faults,
  commits: { n: number },
): OutputSink {
  return {
    location: sink.location,
    get: (path) => sink.get(path),
    exists: (path) => sink.exists(path),
    list: (prefix) => sink.list(prefix),
    remove: (path) => sink.remove(path),
    async put(path, body) {
      if (path === checkpoint && commits.n > 0 && commits.n === faults.beforeCheckpoint) {
        throw new Error("killed between the commit and the checkpoint");
      }
      return sink.put(path, body);
    },
  };
}

/** Runs the job until every stream has read all posts (or it failed), then stops it gracefully. */
async function runUntilRead(
  sink: OutputSink,
  streams: StreamNames,
  tableOf: (table: TableName) => DeltaStorage,
): Promise<readonly StreamStats[]> {
  const stop = new AbortController();
  const job = runStream({
    client,
    sink,
    streams,
    from: "trim-horizon",
    batchRecords: 20,
    batchMs: 60_000,
    pollIntervalMs: 50,
    signal: stop.signal,
    deltaTable: (table, stream): StreamDeltaTable => ({
      storage: tableOf(table),
      definition: cleanTableDefinition(table, "pinpipe"),
      appId: streamAppId(stream),
    }),
  });
  let ended = false;
  job.done.then(
    () => {
      ended = true;
    },
    () => {
      ended = true;
    },
  );
  try {
    await waitFor(
      () => ended || job.stats().every((s) => s.total.in + s.buffered >= posts.length),
      60_000,
      "every record to be read",
    );
  } finally {
    stop.abort();
  }
  return job.done;
}

interface TableLog {
  /** The `ind` of every row of the latest version, sorted. */
  readonly inds: number[];
  /** Per version: the stream's txn version (or null) and the files it adds. */
  readonly commits: { readonly txn: number | null; readonly adds: number }[];
  readonly referenced: string[];
}

/** Reads a table back through pinpipe's log reader and the Parquet files the latest version lists. */
async function readTable(storage: DeltaStorage, appId: string): Promise<TableLog> {
  const snapshot = await loadSnapshot(storage);
  if (snapshot === null) return { inds: [], commits: [], referenced: [] };
  const inds: number[] = [];
  for (const path of snapshot.files.keys()) {
    const bytes = await storage.read(path);
    expect(bytes, `${path} is referenced and exists`).not.toBeNull();
    const buffer = bytes!.buffer.slice(
      bytes!.byteOffset,
      bytes!.byteOffset + bytes!.byteLength,
    ) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file: buffer, columns: ["ind"] })) as { ind: bigint }[];
    inds.push(...rows.map((row) => Number(row.ind)));
  }
  const commits: TableLog["commits"][number][] = [];
  for (let version = 0; version <= snapshot.version; version++) {
    const actions = (await readCommitActions(storage, version)) as DeltaAction[];
    const txns = actions.flatMap((a) => ("txn" in a && a.txn.appId === appId ? [a.txn.version] : []));
    expect(txns.length, `version ${version} has at most one txn`).toBeLessThanOrEqual(1);
    commits.push({ txn: txns[0] ?? null, adds: actions.filter((a) => "add" in a).length });
  }
  return {
    inds: inds.sort((a, b) => a - b),
    commits,
    referenced: [...snapshot.files.values()].map((add) => filePathOfUri(add.path)),
  };
}

/** Every micro-batch is one version carrying its txn, 1, 2, 3, … with none repeated or skipped. */
function expectOneVersionPerBatch(log: TableLog, stats: StreamStats): void {
  const txns = log.commits.flatMap((commit) => (commit.txn === null ? [] : [commit.txn]));
  expect(txns).toEqual(Array.from({ length: stats.total.batches }, (_, i) => i + 1));
}

function localTables(out: string): (table: TableName) => DeltaStorage {
  return (table) => localDeltaStorage(join(out, "tables", `pinpipe_${table}_table`));
}

describe("pinpipe stream into Delta tables", () => {
  it("commits each micro-batch as one version with its txn, every clean row once", async () => {
    const streams = await createStreams(client, "dl-plain", 2);
    const out = join(root, "plain");
    await putPosts(client, streams, posts);
    const stats = await runUntilRead(new LocalOutputSink(out), streams, localTables(out));
    for (const s of stats) {
      expect([s.table, s.total.in, s.total.clean]).toEqual([s.table, posts.length, posts.length]);
      const log = await readTable(localTables(out)(s.table), streamAppId(s.stream));
      expect(log.inds, s.table).toEqual(sentInds);
      expectOneVersionPerBatch(log, s);
      // The table's files live in its partition folders; the stream folder holds no clean files.
      expect(log.referenced.every((path) => /^(category|post_year|join_year)=[^/]+\/part-/.test(path))).toBe(
        true,
      );
      expect(s.tableVersion).toBe(log.commits.length - 1);
    }
    expect(existsSync(join(out, "stream", "tables"))).toBe(false);
    // A restart with nothing new commits nothing and replays nothing.
    const again = await runUntilRead(new LocalOutputSink(out), streams, localTables(out));
    for (const s of again) {
      expect(s.run.batches).toBe(0);
      expectOneVersionPerBatch(await readTable(localTables(out)(s.table), streamAppId(s.stream)), s);
    }
  }, 120_000);

  for (const [point, faults] of [
    ["before a batch's data files", { beforeData: 3 }],
    ["between the data files and the commit", { beforeCommit: 3 }],
    ["between the commit and the checkpoint", { beforeCheckpoint: 3 }],
  ] as const) {
    it(`a pin stream stopped ${point} restarts with every record once`, async () => {
      const streams = await createStreams(client, `dl-${Object.keys(faults)[0]!.toLowerCase()}`, 2);
      const out = join(root, `crash-${Object.keys(faults)[0]}`);
      await putPosts(client, streams, posts);
      const commits = { n: 0 };
      const sink = faultySink(
        new LocalOutputSink(out),
        `stream/checkpoints/${streams.pin}.json`,
        faults,
        commits,
      );
      const tables = localTables(out);
      await expect(
        runUntilRead(sink, streams, (table) =>
          table === "pin" ? faultyStorage(tables(table), faults, commits) : tables(table),
        ),
      ).rejects.toThrow(/killed/);
      const pin = tables("pin");
      const before = await readTable(pin, streamAppId(streams.pin));
      expect(before.commits.filter((c) => c.txn !== null)).toHaveLength(3);

      const stats = await runUntilRead(new LocalOutputSink(out), streams, tables);
      for (const s of stats) {
        const log = await readTable(tables(s.table), streamAppId(s.stream));
        expect(log.inds, s.table).toEqual(sentInds);
        expectOneVersionPerBatch(log, s);
        expect(s.total.in).toBe(posts.length);
      }
      const pinStats = stats.find((s) => s.table === "pin")!;
      // The committed batch is replayed without a new commit: this run commits the others only.
      // A batch committed but not checkpointed is replayed (counted again by this run, not committed).
      const checkpointed = "beforeCheckpoint" in faults ? 2 : 3;
      expect(pinStats.run.batches).toBe(pinStats.total.batches - checkpointed);
      const after = await readTable(pin, streamAppId(streams.pin));
      const stored = (await pin.listAll())
        .map((file) => file.path)
        .filter((path) => path.endsWith(".parquet"));
      const orphans = stored.filter(
        (path) => !after.referenced.includes(path) && !path.startsWith("_delta_log/"),
      );
      // Files of the failed attempt were never committed: stored or not, nothing references them.
      if ("beforeCommit" in faults) expect(orphans.length).toBeGreaterThan(0);
      else expect(orphans).toEqual([]);
    }, 120_000);
  }

  it("pinpipe stream writes Delta tables by default, named by --table-prefix, and says where", async () => {
    const streams = await createStreams(client, "dl-cli", 1);
    const out = join(root, "cli");
    await putPosts(client, streams, posts);
    const io = memoryContext();
    const args = ["stream", "--out", out, "--streams", `${streams.pin},${streams.geo},${streams.user}`];
    const options = ["--table-prefix", "t0a1", "--kinesis-endpoint", kinesis.endpoint, "--poll-ms", "50"];
    const code = await main([...args, ...options, "--until-idle", "1"], commands, io.context);
    expect(code, io.stderr()).toBe(0);
    for (const table of ["pin", "geo", "user"] as const) {
      const storage = localDeltaStorage(join(out, "tables", `t0a1_${table}_table`));
      const log = await readTable(storage, streamAppId(streams[table]));
      expect(log.inds).toEqual(sentInds);
      expect(io.stdout()).toContain(
        `Delta table ${out}/tables/t0a1_${table}_table at version ${log.commits.length - 1}`,
      );
    }
    expect(existsSync(join(out, "tables", "pinpipe_pin_table"))).toBe(false);
  }, 120_000);

  it("pinpipe optimize compacts a stream table's micro-batch files; the stream keeps committing after it", async () => {
    const streams = await createStreams(client, "dl-optimize", 2);
    const out = join(root, "optimize");
    await putPosts(client, streams, posts.slice(0, 100));
    const tables = localTables(out);
    const stop = new AbortController();
    const job = runStream({
      client,
      sink: new LocalOutputSink(out),
      streams,
      from: "trim-horizon",
      batchRecords: 20,
      batchMs: 60_000,
      pollIntervalMs: 50,
      signal: stop.signal,
      deltaTable: (table, stream) => ({
        storage: tables(table),
        definition: cleanTableDefinition(table, "pinpipe"),
        appId: streamAppId(stream),
      }),
    });
    try {
      await waitFor(() => job.stats().every((s) => s.run.batches >= 3), 60_000, "the first batches");
      // Compacted while the job runs: its later commits append beside the compaction.
      for (const table of ["pin", "geo", "user"] as const) {
        const outcome = await optimizeCleanTable(tables(table), table, "pinpipe");
        // At least three micro-batches' files, fewer after (one per partition).
        expect(outcome.removed, table).toBeGreaterThanOrEqual(3);
        expect(outcome.added, table).toBeLessThan(outcome.removed);
      }
      await putPosts(client, streams, posts.slice(100));
      await waitFor(
        () => job.stats().every((s) => s.total.in + s.buffered >= posts.length),
        60_000,
        "the rest",
      );
    } finally {
      stop.abort();
    }
    for (const s of await job.done) {
      const log = await readTable(tables(s.table), streamAppId(s.stream));
      expect(log.inds, s.table).toEqual(sentInds);
      expectOneVersionPerBatch(log, s);
      expect(log.commits.filter((commit) => commit.txn === null)).toHaveLength(1);
    }
  }, 120_000);

  it("writes and commits on S3", async () => {
    const streams = await createStreams(client, "dl-s3", 1);
    await putPosts(client, streams, posts);
    const sink = new S3OutputSink(s3Client, "lake", "streamed");
    const tableOf = (table: TableName) =>
      s3DeltaStorage(s3Client, "lake", `streamed/tables/pinpipe_${table}_table`);
    const stats = await runUntilRead(sink, streams, tableOf);
    for (const s of stats) {
      const log = await readTable(tableOf(s.table), streamAppId(s.stream));
      expect(log.inds, s.table).toEqual(sentInds);
      expectOneVersionPerBatch(log, s);
    }
  }, 120_000);
});

describeWithPeer("deltalake", "delta-rs reads the stream's Delta tables", (deltalake) => {
  it("sees exactly the clean rows the stream reports, one version per micro-batch", async () => {
    const streams = await createStreams(client, "dl-rs", 2);
    const out = join(root, "delta-rs");
    await putPosts(client, streams, posts);
    const stats = await runUntilRead(new LocalOutputSink(out), streams, localTables(out));
    for (const s of stats) {
      const result = spawnSync(deltalake.python!, [READER, join(out, "tables", `pinpipe_${s.table}_table`)], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(result.status, result.stderr).toBe(0);
      const table = JSON.parse(result.stdout) as {
        version: number;
        history: { version: number; operation: string }[];
        rows: { ind: number }[];
      };
      expect(table.rows.map((row) => Number(row.ind)).sort((a, b) => a - b)).toEqual(sentInds);
      expect(table.rows).toHaveLength(s.total.clean);
      expect(table.version).toBe(s.total.batches - 1);
      expect(table.history.every((entry) => entry.operation === "STREAMING UPDATE")).toBe(true);
    }
  }, 180_000);
});
