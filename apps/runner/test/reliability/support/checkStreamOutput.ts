import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REJECT_REASONS } from "@pinpipe/clean";
import type { KinesisShardCheckpoint } from "@pinpipe/ingest";
import { type BatchObjectName, parseBatchObjectPath } from "../../../src/stream/batchObjectName";
import { parseStreamCheckpoint, type StreamTotals } from "../../../src/stream/streamCheckpoint";
import { comparePositions, isCovered } from "../../../src/stream/streamPosition";
import { listFiles, rejectedLineProblem } from "./checkBatchOutput";
import { readParquetRows } from "./readParquet";

/**
 * One line of a rejected-records file of the stream:
 * `{"position", "reason", "raw", "rawEncoding", "issues"}`.
 *
 * @example
 * const line: StreamRejectedLine = { position: { stream: "s-geo", shardId: "shardId-000000000000", sequenceNumber: "1", partitionKey: "k", arrivalTime: null }, reason: "missing_key", raw: '{"country":"Peru"}', rawEncoding: "text", issues: [] };
 */
export interface StreamRejectedLine {
  readonly position: {
    readonly stream: string;
    readonly shardId: string;
    readonly sequenceNumber: string;
    readonly subSequenceNumber?: number;
    readonly partitionKey: string;
    readonly arrivalTime: string | null;
  };
  readonly reason: string;
  /** The record's exact bytes: their text, their base64 (`rawEncoding` "base64"), or null when never read. */
  readonly raw: string | null;
  readonly rawEncoding: "text" | "base64" | null;
  readonly issues: readonly { readonly field: string; readonly value: unknown; readonly rule: string }[];
}

/**
 * What a reader that honours the checkpoints finds under `<out>/stream/`.
 *
 * @example
 * const state: StreamState = { inds: { pin: [1, 2] }, rejected: {}, rejectedLines: {}, windows: {}, totals: {}, uncommitted: 0, committed: 3 };
 */
export interface StreamState {
  /** `ind` of every committed clean row, per table (repeats kept, to be counted). */
  readonly inds: Readonly<Record<string, readonly number[]>>;
  /**
   * `raw` of every committed rejected line, per table: the record's exact text (base64 for bytes
   * that are not UTF-8, null for a record rejected unread).
   */
  readonly rejected: Readonly<Record<string, readonly (string | null)[]>>;
  /** Every committed rejected line, per table, checked for its shape. */
  readonly rejectedLines: Readonly<Record<string, readonly StreamRejectedLine[]>>;
  /** The totals of each table's checkpoint (absent before its first), reconciled with what it covers. */
  readonly totals: Readonly<Record<string, StreamTotals>>;
  /** Final window counts per aggregate: `key|windowStart` → posts (highest revision per shard, summed). */
  readonly windows: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Objects written but not (yet) covered by a checkpoint: a restart removes them. */
  readonly uncommitted: number;
  readonly committed: number;
}

const isTemporary = (path: string): boolean => /\.tmp-[^/]*$/.test(path);

/** Checks one parsed rejected line has the stream's shape; returns it typed, or a description of what is wrong. */
function rejectedLineOf(row: Record<string, unknown>, stream: string): StreamRejectedLine | string {
  const line = rejectedLineProblem(row);
  if (typeof line === "string") return line;
  const position = line.position;
  if (position.stream !== stream || typeof position.shardId !== "string")
    return "position names another stream";
  if (typeof position.sequenceNumber !== "string" || typeof position.partitionKey !== "string")
    return "position without sequence number or partition key";
  return line as unknown as StreamRejectedLine;
}

function overlaps(a: BatchObjectName, b: BatchObjectName): boolean {
  return comparePositions(a.first, b.last) <= 0 && comparePositions(b.first, a.last) <= 0;
}

/**
 * Checks the stream output as a crash may have left it: every checkpoint (format, positions, totals
 * that reconcile) and every object under its final name parses (no torn file, every NDJSON line
 * ends with a newline, every rejected line has the stream's shape); among the objects a checkpoint
 * covers (committed), no two of one shard and folder overlap in sequence range, and the
 * checkpoint's totals count exactly their rows and rejected lines, by reason. Returns what is
 * committed.
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
  const totals: Record<string, StreamTotals> = {};
  for (const [table, stream] of Object.entries(streams)) {
    const path = `checkpoints/${stream}.json`;
    if (!files.includes(path)) continue;
    // Format, positions and totals (which must reconcile) are all checked.
    let checkpoint: ReturnType<typeof parseStreamCheckpoint>;
    try {
      checkpoint = parseStreamCheckpoint(
        readFileSync(join(root, path), "utf8"),
        stream,
        table as "pin" | "geo" | "user",
        path,
      );
    } catch (error) {
      throw new Error(`${path} does not parse: ${String(error)}`);
    }
    shardsOf[table] = checkpoint.kinesis.shards;
    totals[table] = checkpoint.totals;
  }
  const streamOf: Record<string, string> = streams;
  const inds: Record<string, number[]> = {};
  const rejected: Record<string, (string | null)[]> = {};
  const rejectedLines: Record<string, StreamRejectedLine[]> = {};
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
      if (path.endsWith(".parquet")) rows = await readParquetRows(bytes);
      else {
        // NDJSON: every line ends with a newline, so a file cut short shows.
        const text = bytes.toString("utf8");
        if (!text.endsWith("\n")) throw new Error("the last line has no newline");
        rows = text
          .slice(0, -1)
          .split("\n")
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      }
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
    else if (kind === "rejected") {
      for (const row of rows) {
        const line = rejectedLineOf(row, streamOf[name] ?? "");
        if (typeof line === "string")
          throw new Error(`stream/${path}: a rejected line is malformed: ${line}`);
        const raws = rejected[name] ?? [];
        const kept = rejectedLines[name] ?? [];
        raws.push(line.raw);
        kept.push(line);
        rejected[name] = raws;
        rejectedLines[name] = kept;
      }
    } else if (kind === "aggregates") {
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
  // A checkpoint's totals count exactly the batches it covers: their rows and rejected lines.
  for (const [table, total] of Object.entries(totals)) {
    const clean = inds[table]?.length ?? 0;
    const lines = rejectedLines[table] ?? [];
    if (total.clean !== clean || total.rejected !== lines.length || total.duplicates !== 0) {
      throw new Error(
        `checkpoint of ${table}: totals say ${total.clean} clean, ${total.rejected} rejected, ${total.duplicates} duplicates; committed objects hold ${clean} rows, ${lines.length} rejected lines`,
      );
    }
    for (const reason of REJECT_REASONS) {
      const n = lines.filter((line) => line.reason === reason).length;
      if (total.byReason[reason] !== n)
        throw new Error(`checkpoint of ${table}: ${total.byReason[reason]} ${reason} in totals, ${n} lines`);
    }
  }
  return { inds, rejected, rejectedLines, windows, totals, uncommitted, committed };
}
