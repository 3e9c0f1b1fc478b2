import { encodeNestedParquetFile, type NestedField } from "@pinpipe/parquet";
import type { DeltaSnapshot } from "./deltaSnapshot";
import type { DeltaStorage } from "./deltaStorage";
import { checkpointFileName, DELTA_LOG } from "./logFileNames";

/** A checkpoint is written after every commit whose version is a multiple of this. */
export const CHECKPOINT_INTERVAL = 10;

const STRING_MAP = { map: { value: "string" } } as const;

/** The checkpoint schema of the protocol ("Checkpoint Schema"), for the actions pinpipe writes. */
const CHECKPOINT_SCHEMA: readonly NestedField[] = [
  {
    name: "txn",
    type: {
      struct: [
        { name: "appId", type: "string" },
        { name: "version", type: "long" },
        { name: "lastUpdated", type: "long" },
      ],
    },
  },
  {
    name: "add",
    type: {
      struct: [
        { name: "path", type: "string" },
        { name: "partitionValues", type: STRING_MAP },
        { name: "size", type: "long" },
        { name: "modificationTime", type: "long" },
        { name: "dataChange", type: "boolean" },
        { name: "stats", type: "string" },
        { name: "tags", type: STRING_MAP },
      ],
    },
  },
  {
    name: "remove",
    type: {
      struct: [
        { name: "path", type: "string" },
        { name: "deletionTimestamp", type: "long" },
        { name: "dataChange", type: "boolean" },
        { name: "extendedFileMetadata", type: "boolean" },
        { name: "partitionValues", type: STRING_MAP },
        { name: "size", type: "long" },
      ],
    },
  },
  {
    name: "metaData",
    type: {
      struct: [
        { name: "id", type: "string" },
        { name: "name", type: "string" },
        { name: "description", type: "string" },
        {
          name: "format",
          type: {
            struct: [
              { name: "provider", type: "string" },
              { name: "options", type: STRING_MAP },
            ],
          },
        },
        { name: "schemaString", type: "string" },
        { name: "partitionColumns", type: { list: { element: "string" } } },
        { name: "configuration", type: STRING_MAP },
        { name: "createdTime", type: "long" },
      ],
    },
  },
  {
    name: "protocol",
    type: {
      struct: [
        { name: "minReaderVersion", type: "int" },
        { name: "minWriterVersion", type: "int" },
      ],
    },
  },
];

/**
 * The rows of a classic checkpoint of `snapshot`: protocol, metadata, each `txn`, each active
 * file (`add`, `dataChange` false, as the protocol asks of checkpoints) and each tombstone.
 *
 * @example
 * checkpointRows(snapshot)[0]; // { protocol: { minReaderVersion: 1, minWriterVersion: 2 } }
 */
export function checkpointRows(snapshot: DeltaSnapshot): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [{ protocol: snapshot.protocol }, { metaData: snapshot.metadata }];
  for (const [appId, version] of [...snapshot.txns].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    rows.push({ txn: { appId, version } });
  }
  for (const add of snapshot.files.values()) rows.push({ add: { ...add, dataChange: false } });
  for (const remove of snapshot.tombstones.values()) rows.push({ remove: { ...remove, dataChange: false } });
  return rows;
}

/**
 * Writes the classic Parquet checkpoint of `snapshot` (`<version>.checkpoint.parquet`), then
 * `_last_checkpoint` naming it. A checkpoint only summarizes commits that exist, so writing it
 * twice (two writers) gives equivalent files and is safe.
 *
 * @example
 * const snapshot = await loadSnapshot(storage, { version });
 * if (snapshot !== null && version % CHECKPOINT_INTERVAL === 0) await writeCheckpoint(storage, snapshot);
 */
export async function writeCheckpoint(storage: DeltaStorage, snapshot: DeltaSnapshot): Promise<void> {
  const rows = checkpointRows(snapshot);
  const bytes = encodeNestedParquetFile(CHECKPOINT_SCHEMA, rows, { createdBy: "pinpipe" });
  await storage.put(`${DELTA_LOG}/${checkpointFileName(snapshot.version)}`, bytes);
  const last = JSON.stringify({ version: snapshot.version, size: rows.length, sizeInBytes: bytes.length });
  await storage.put(`${DELTA_LOG}/_last_checkpoint`, new TextEncoder().encode(`${last}\n`));
}
