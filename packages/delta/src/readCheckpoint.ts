import { parquetReadObjects } from "hyparquet";
import type { DeltaAction } from "./deltaActions";
import { DeltaLogError } from "./deltaErrors";

const CHECKPOINT_ACTIONS = ["protocol", "metaData", "add", "remove", "txn"] as const;

/** Int64 values come back as bigints; the log's numbers (sizes, times, versions) fit a double. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
    return out;
  }
  return value;
}

/**
 * The actions of one Parquet checkpoint file (a classic checkpoint or one part of a multi-part
 * one, as Spark, delta-rs or pinpipe wrote it): each row holds one of `protocol`, `metaData`,
 * `add`, `remove`, `txn`. Throws a {@link DeltaLogError} naming the file when it is not Parquet
 * or is cut short.
 *
 * @example
 * const actions = await readCheckpointActions(bytes, "00000000000000000010.checkpoint.parquet");
 */
export async function readCheckpointActions(bytes: Uint8Array, file: string): Promise<DeltaAction[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: buffer });
  } catch (error) {
    throw new DeltaLogError(
      `${file} is not a readable Parquet checkpoint (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const actions: DeltaAction[] = [];
  for (const row of rows) {
    for (const key of CHECKPOINT_ACTIONS) {
      const body = row[key];
      if (typeof body !== "object" || body === null) continue;
      const action = plain(body) as Record<string, unknown>;
      // A struct whose fields are all null is an absent action in files that write empty structs.
      if (Object.values(action).every((value) => value === null || value === undefined)) continue;
      actions.push({ [key]: action } as DeltaAction);
    }
  }
  return actions;
}
