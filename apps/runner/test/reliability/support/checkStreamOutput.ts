import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KinesisShardCheckpoint } from "@pinpipe/ingest";
import { type BatchObjectName, parseBatchObjectPath } from "../../../src/stream/batchObjectName";
import { comparePositions, isCovered } from "../../../src/stream/streamPosition";
import { listFiles } from "./checkBatchOutput";
import { readParquetRows } from "./readParquet";

/**
 * What a reader that honours the checkpoints finds under `<out>/stream/`.
 *
 * @example
 * const state: StreamState = { inds: { pin: [1, 2] }, rejected: {}, windows: {}, uncommitted: 0, committed: 3 };
 */
export interface StreamState {
  /** `ind` of every committed clean row, per table (repeats kept, to be counted). */
  readonly inds: Readonly<Record<string, readonly number[]>>;
  /** `raw` of every committed rejected line, per table, as JSON text. */
  readonly rejected: Readonly<Record<string, readonly string[]>>;
  /** Final window counts per aggregate: `key|windowStart` → posts (highest revision per shard, summed). */
  readonly windows: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Objects written but not (yet) covered by a checkpoint: a restart removes them. */
  readonly uncommitted: number;
  readonly committed: number;
}

const isTemporary = (path: string): boolean => /\.tmp-[^/]*$/.test(path);

function overlaps(a: BatchObjectName, b: BatchObjectName): boolean {
  return comparePositions(a.first, b.last) <= 0 && comparePositions(b.first, a.last) <= 0;
}

/**
 * Checks the stream output as a crash may have left it: every checkpoint and every object under its
 * final name parses (no torn file); among the objects a checkpoint covers (committed), no two of one
 * shard and folder overlap in sequence range and no row appears twice. Returns what is committed.
 *
 * @throws {Error} naming the first violation.
 * @example
 * const state = await checkStreamOutput("/tmp/out", { pin: "s-pin", geo: "s-geo", user: "s-user" });
 */
export async function checkStreamOutput(
  out: string,
  streams: Readonly<Record<"pin" | "geo" | "user", string>>,
): Promise<StreamState> {
  const root = join(out, "stream");
  const files = listFiles(root).filter((path) => !isTemporary(path));
  const shardsOf: Record<string, Readonly<Record<string, KinesisShardCheckpoint>>> = {};
  for (const [table, stream] of Object.entries(streams)) {
    const path = `checkpoints/${stream}.json`;
    if (!files.includes(path)) continue;
    let checkpoint: { kinesis?: { shards?: Record<string, KinesisShardCheckpoint> } };
    try {
      checkpoint = JSON.parse(readFileSync(join(root, path), "utf8"));
    } catch (error) {
      throw new Error(`${path} does not parse: ${String(error)}`);
    }
    shardsOf[table] = checkpoint.kinesis?.shards ?? {};
  }
  const inds: Record<string, number[]> = {};
  const rejected: Record<string, string[]> = {};
  const latest: Record<string, Map<string, { revision: number; posts: number }>> = {};
  const seenObjects = new Map<string, BatchObjectName[]>();
  let uncommitted = 0;
  let committed = 0;
  for (const path of files) {
    const [kind, name] = path.split("/") as [string, string];
    if (kind === "checkpoints") continue;
    const object = parseBatchObjectPath(path);
    if (object === undefined) throw new Error(`unexpected file stream/${path}`);
    const bytes = readFileSync(join(root, path));
    let rows: Record<string, unknown>[];
    try {
      rows = path.endsWith(".parquet")
        ? await readParquetRows(bytes)
        : bytes
            .toString("utf8")
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => JSON.parse(line) as Record<string, unknown>);
    } catch (error) {
      throw new Error(`stream/${path} is torn: ${String(error)}`);
    }
    const table = kind === "aggregates" ? (name.startsWith("pins_") ? "pin" : "geo") : name;
    if (!isCovered(object.last, shardsOf[table]?.[object.shardId])) {
      uncommitted += 1;
      continue;
    }
    committed += 1;
    const folder = `${kind}/${name}/${object.shardId}`;
    const others = seenObjects.get(folder) ?? [];
    const clash = others.find((other) => overlaps(other, object));
    if (clash !== undefined) throw new Error(`stream/${path} overlaps a committed object of the same shard`);
    seenObjects.set(folder, [...others, object]);
    if (kind === "tables") inds[name] = [...(inds[name] ?? []), ...rows.map((row) => Number(row.ind))];
    else if (kind === "rejected")
      rejected[name] = [...(rejected[name] ?? []), ...rows.map((row) => JSON.stringify(row.raw))];
    else if (kind === "aggregates") {
      const windows = latest[name] ?? new Map<string, { revision: number; posts: number }>();
      latest[name] = windows;
      for (const row of rows) {
        const key = `${object.shardId}|${String(row.key)}|${String(row.windowStart)}`;
        const revision = Number(row.revision);
        if ((windows.get(key)?.revision ?? -1) < revision)
          windows.set(key, { revision, posts: Number(row.posts) });
      }
    }
  }
  const windows: Record<string, Record<string, number>> = {};
  for (const [name, byShard] of Object.entries(latest)) {
    const summed: Record<string, number> = {};
    for (const [key, { posts }] of byShard) {
      const window = key.slice(key.indexOf("|") + 1);
      summed[window] = (summed[window] ?? 0) + posts;
    }
    windows[name] = summed;
  }
  return { inds, rejected, windows, uncommitted, committed };
}
