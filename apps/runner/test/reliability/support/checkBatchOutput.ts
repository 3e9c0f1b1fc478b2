import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REJECT_REASONS, type TableCounts } from "@pinpipe/clean";
import { readParquetRows } from "./readParquet";

/**
 * Every file under `dir`, as `/`-separated paths relative to it, sorted (none when it does not exist).
 *
 * @example
 * listFiles("/tmp/out"); // ["runs/r1/manifest.json", "runs/r1/results/q1.csv", …]
 */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path).split("\\").join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const isTemporary = (path: string): boolean => /\.tmp-[^/]*$/.test(path);

/**
 * One line of a rejected-records file of a batch run:
 * `{"position": {file, line, byteOffset}, "reason", "raw", "rawEncoding", "issues"}`.
 *
 * @example
 * const line: BatchRejectedLine = { position: { file: "pin.ndjson", line: 3, byteOffset: 82 }, reason: "invalid_json", raw: "not json", rawEncoding: "text", issues: [] };
 */
export interface BatchRejectedLine {
  readonly position: Readonly<Record<string, string | number | null>>;
  readonly reason: string;
  /** The record's exact bytes: their text, their base64 (`rawEncoding` "base64"), or null when never read. */
  readonly raw: string | null;
  readonly rawEncoding: "text" | "base64" | null;
  readonly issues: readonly { readonly field: string; readonly value: unknown; readonly rule: string }[];
}

const REASONS: ReadonlySet<string> = new Set(REJECT_REASONS);

/**
 * Checks one parsed rejected line has the shape every job writes; returns it typed, or a
 * description of what is wrong.
 *
 * @example
 * const line = rejectedLineProblem(JSON.parse(text)); // a BatchRejectedLine, or "reason undecodable"
 */
export function rejectedLineProblem(row: Record<string, unknown>): BatchRejectedLine | string {
  const { position, reason, raw, rawEncoding, issues } = row;
  if (Object.keys(row).sort().join() !== "issues,position,raw,rawEncoding,reason")
    return `keys ${Object.keys(row).join(",")}`;
  if (typeof position !== "object" || position === null || Array.isArray(position)) return "no position";
  if (typeof reason !== "string" || !REASONS.has(reason)) return `reason ${String(reason)}`;
  const encodingOk =
    (rawEncoding === null && raw === null) ||
    ((rawEncoding === "text" || rawEncoding === "base64") && typeof raw === "string");
  if (!encodingOk) return `raw ${typeof raw} with rawEncoding ${String(rawEncoding)}`;
  // Only a record rejected unread (too long, or bytes that could not be read) has no raw.
  if (raw === null && reason !== "too_long" && reason !== "invalid_json") return `raw null for ${reason}`;
  if (!Array.isArray(issues) || !issues.some((issue) => (issue as { rule?: unknown }).rule === reason))
    return `no issue of rule ${reason}`;
  return row as unknown as BatchRejectedLine;
}

/**
 * What a reader finds in one run folder.
 *
 * @example
 * const state: BatchRunState = { runId: "r1", finished: false, rows: {}, rejected: {}, rejectedLines: {}, inds: {}, hashes: {}, manifest: undefined };
 */
export interface BatchRunState {
  readonly runId: string;
  readonly finished: boolean;
  /** Data rows per table (Parquet rows) of a finished run. */
  readonly rows: Readonly<Record<string, number>>;
  /** Rejected lines per table of a finished run. */
  readonly rejected: Readonly<Record<string, number>>;
  /** The rejected lines of each table of a finished run, checked for their shape. */
  readonly rejectedLines: Readonly<Record<string, readonly BatchRejectedLine[]>>;
  /** The `ind` values of each table's rows, all partitions together. */
  readonly inds: Readonly<Record<string, readonly number[]>>;
  /** Path → sha256 of every file but the manifest (finished runs). */
  readonly hashes: Readonly<Record<string, string>>;
  readonly manifest: Record<string, unknown> | undefined;
}

interface ManifestFileEntry {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Checks what a reader of `<out>/runs/` sees, as after a crash: a folder with `manifest.json` must hold
 * exactly the files it lists (no more, no less, no temporary leftovers) with their sizes and sha256,
 * every Parquet file parses to the listed row count, every result parses, every rejected line ends
 * with a newline and has the shape every job writes; the manifest's counts reconcile (`in = clean +
 * rejected + duplicates`) with what the files hold (Parquet rows = clean, rejected lines = rejected,
 * by reason). A folder without a manifest is unfinished (ignored), but none of its final-named files
 * may be torn.
 *
 * @throws {Error} naming the first violation.
 * @example
 * const states = await checkBatchOutput("/tmp/out");
 * states.filter((state) => state.finished).length;
 */
export async function checkBatchOutput(out: string): Promise<BatchRunState[]> {
  const runsDir = join(out, "runs");
  if (!existsSync(runsDir)) return [];
  const states: BatchRunState[] = [];
  for (const runId of readdirSync(runsDir).sort()) {
    const dir = join(runsDir, runId);
    const files = listFiles(dir);
    const manifestPath = join(dir, "manifest.json");
    const fail = (message: string): never => {
      throw new Error(`runs/${runId}: ${message}`);
    };
    if (!files.includes("manifest.json")) {
      // Unfinished: ignored by readers, but a file under its final name must be whole.
      for (const path of files.filter((file) => !isTemporary(file) && file.endsWith(".parquet"))) {
        await readParquetRows(readFileSync(join(dir, path))).catch((error: unknown) =>
          fail(`${path} (unfinished run) is torn: ${String(error)}`),
        );
      }
      states.push({
        runId,
        finished: false,
        rows: {},
        rejected: {},
        rejectedLines: {},
        inds: {},
        hashes: {},
        manifest: undefined,
      });
      continue;
    }
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
    } catch (error) {
      return fail(`manifest.json does not parse: ${String(error)}`);
    }
    const listed = (manifest.files ?? []) as ManifestFileEntry[];
    const present = files.filter((file) => file !== "manifest.json");
    const listedPaths = listed.map((file) => file.path).sort();
    if (JSON.stringify(present) !== JSON.stringify(listedPaths)) {
      const extra = present.filter((path) => !listedPaths.includes(path));
      const missing = listedPaths.filter((path) => !present.includes(path));
      fail(
        `files differ from the manifest: extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}`,
      );
    }
    const rows: Record<string, number> = {};
    const rejected: Record<string, number> = {};
    const rejectedLines: Record<string, BatchRejectedLine[]> = {};
    const inds: Record<string, number[]> = {};
    const hashes: Record<string, string> = {};
    for (const file of listed) {
      const bytes = readFileSync(join(dir, file.path));
      hashes[file.path] = sha256(bytes);
      if (bytes.length !== file.bytes || hashes[file.path] !== file.sha256) {
        fail(`${file.path}: ${bytes.length} bytes / sha256 ${hashes[file.path]} differ from the manifest`);
      }
      const table = /^tables\/(\w+)\//.exec(file.path)?.[1];
      if (table !== undefined) {
        const parsed = await readParquetRows(bytes).catch((error: unknown) =>
          fail(`${file.path} is torn: ${String(error)}`),
        );
        if (parsed.length !== file.rows)
          fail(`${file.path}: ${parsed.length} rows, manifest says ${file.rows}`);
        rows[table] = (rows[table] ?? 0) + parsed.length;
        inds[table] = [...(inds[table] ?? []), ...parsed.map((row) => Number(row.ind))];
        continue;
      }
      const text = bytes.toString("utf8");
      if (file.path.startsWith("rejected/")) {
        // Every line, the last too, ends with a newline: a file cut short shows.
        if (text !== "" && !text.endsWith("\n")) fail(`${file.path}: the last line has no newline`);
        const lines = text === "" ? [] : text.slice(0, -1).split("\n");
        const table = file.path.slice("rejected/".length, -".ndjson".length);
        const parsed = lines.map((line, index) => {
          const checked = rejectedLineProblem(JSON.parse(line) as Record<string, unknown>);
          if (typeof checked === "string") fail(`${file.path}: line ${index + 1} is malformed: ${checked}`);
          return checked as BatchRejectedLine;
        });
        if (lines.length !== file.rows)
          fail(`${file.path}: ${lines.length} lines, manifest says ${file.rows}`);
        rejected[table] = lines.length;
        rejectedLines[table] = parsed;
      } else if (file.path.endsWith(".json")) {
        const parsed = JSON.parse(text) as unknown[];
        if (parsed.length !== file.rows)
          fail(`${file.path}: ${parsed.length} rows, manifest says ${file.rows}`);
      }
    }
    // The counts reconcile, and count what the files hold.
    const counts = (manifest.counts ?? {}) as Record<string, TableCounts>;
    for (const [table, c] of Object.entries(counts)) {
      if (c.clean + c.rejected + c.duplicates !== c.in)
        fail(`counts of ${table}: in ${c.in} is not clean + rejected + duplicates`);
      if ((rows[table] ?? 0) !== c.clean)
        fail(`${table}: ${rows[table] ?? 0} rows, counts say ${c.clean} clean`);
      const lines = rejectedLines[table] ?? [];
      if (lines.length !== c.rejected)
        fail(`${table}: ${lines.length} rejected lines, counts say ${c.rejected} rejected`);
      for (const reason of REJECT_REASONS) {
        const n = lines.filter((line) => line.reason === reason).length;
        if (c.byReason[reason] !== n)
          fail(`${table}: ${n} ${reason} lines, counts say ${c.byReason[reason]}`);
      }
    }
    states.push({ runId, finished: true, rows, rejected, rejectedLines, inds, hashes, manifest });
  }
  return states;
}
