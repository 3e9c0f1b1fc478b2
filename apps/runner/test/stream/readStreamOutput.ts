import { parquetReadObjects } from "hyparquet";
import type { OutputSink } from "../../src/output/index";
import { type BatchObjectName, parseBatchObjectPath } from "../../src/stream/batchObjectName";
import type { StreamCheckpoint } from "../../src/stream/streamCheckpoint";

/** One row of the stream output with the micro-batch object it was found in. */
export interface OutputRow {
  readonly object: BatchObjectName;
  readonly path: string;
  readonly row: Record<string, unknown>;
}

/** Everything under `<root>/stream/`, read back: Parquet with hyparquet, NDJSON line by line. */
export interface StreamOutput {
  readonly tables: Readonly<Record<string, OutputRow[]>>;
  readonly rejected: Readonly<Record<string, OutputRow[]>>;
  readonly aggregates: Readonly<Record<string, OutputRow[]>>;
  readonly checkpoints: Readonly<Record<string, StreamCheckpoint>>;
  /** Paths that are none of the above (should be none). */
  readonly other: readonly string[];
}

/** The lines of an NDJSON object, parsed; every line, the last too, must end with a newline. */
function ndjsonLines(path: string, text: string): Record<string, unknown>[] {
  if (!text.endsWith("\n")) throw new Error(`${path} does not end with a newline`);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line));
}

export async function readStreamOutput(sink: OutputSink): Promise<StreamOutput> {
  const tables: Record<string, OutputRow[]> = {};
  const rejected: Record<string, OutputRow[]> = {};
  const aggregates: Record<string, OutputRow[]> = {};
  const checkpoints: Record<string, StreamCheckpoint> = {};
  const other: string[] = [];
  for (const path of await sink.list("stream/")) {
    const body = (await sink.get(path))!;
    const [, kind, name] = path.split("/") as [string, string, string];
    if (kind === "checkpoints") {
      checkpoints[name.replace(/\.json$/, "")] = JSON.parse(new TextDecoder().decode(body));
      continue;
    }
    const object = parseBatchObjectPath(path);
    if (object === undefined) {
      other.push(path);
      continue;
    }
    const rows: Record<string, unknown>[] = path.endsWith(".parquet")
      ? await parquetReadObjects({ file: body.slice().buffer })
      : ndjsonLines(path, new TextDecoder().decode(body));
    const target =
      kind === "tables"
        ? tables
        : kind === "rejected"
          ? rejected
          : kind === "aggregates"
            ? aggregates
            : undefined;
    if (target === undefined) {
      other.push(path);
      continue;
    }
    target[name] ??= [];
    for (const row of rows) target[name].push({ object, path, row });
  }
  return { tables, rejected, aggregates, checkpoints, other };
}
