import { randomBytes } from "node:crypto";
import { copyFile, link, mkdir, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CopyObjectCommand, GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { RAW_TABLE_NAMES, type RawTableName } from "@pinpipe/analytics";
import type { ManifestFile } from "@pinpipe/core";
import {
  cleanFileFacts,
  cleanTableDefinition,
  commitBatchRun,
  type DeltaStorage,
  localDeltaStorage,
  type NewDataFile,
  s3DeltaStorage,
} from "@pinpipe/delta";
import type { StorageLocation } from "../output/index";

/** One batch run's Parquet files to commit to the Delta tables under an output root. */
export interface DeltaTablesJob {
  /** The output root: tables go to `<root>/tables/<prefix>_<table>_table/`, the run is `<root>/runs/<runId>/`. */
  readonly out: StorageLocation;
  readonly runId: string;
  /** Table name prefix (the original pipeline's `<prefix>_pin_table` …). */
  readonly prefix: string;
  /** The run manifest's files (paths relative to the run folder). */
  readonly files: readonly ManifestFile[];
  /** The S3 client for an `s3://` output. */
  readonly s3Client?: () => S3Client;
}

/** What was committed to one table. */
export interface DeltaTableOutcome {
  readonly table: RawTableName;
  /** `<root>/tables/<name>` as a path or `s3://` URL. */
  readonly location: string;
  readonly version: number;
  readonly added: number;
  readonly removed: number;
  readonly rows: number;
}

/** Places a run file inside a table and reads back its footer: hard links locally, server-side copies on S3. */
interface FilePlacer {
  readonly storage: DeltaStorage;
  place(runFile: string, tableFile: string): Promise<void>;
  tail(tableFile: string): Promise<Uint8Array>;
}

/** Bytes of a Parquet file's end that hold its footer: the last 8 bytes give its length. */
async function readTail(readRange: (start: number, end: number) => Promise<Uint8Array>, size: number) {
  const last = await readRange(size - 8, size);
  const footer = new DataView(last.buffer, last.byteOffset, 8).getUint32(0, true);
  return readRange(Math.max(0, size - 8 - footer), size);
}

function localPlacer(runFolder: string, tableRoot: string, sizes: Map<string, number>): FilePlacer {
  return {
    storage: localDeltaStorage(tableRoot),
    async place(runFile, tableFile) {
      const target = join(tableRoot, ...tableFile.split("/"));
      await mkdir(dirname(target), { recursive: true });
      const source = join(runFolder, ...runFile.split("/"));
      // A hard link costs no copy; the run folder and the table then share the bytes. A rerun
      // replaces the run folder's files (new inodes), never the table's.
      await link(source, target).catch(() => copyFile(source, target));
      sizes.set(tableFile, sizes.get(runFile) ?? 0);
    },
    async tail(tableFile) {
      const handle = await open(join(tableRoot, ...tableFile.split("/")), "r");
      try {
        const { size } = await handle.stat();
        return await readTail(async (start, end) => {
          const buffer = new Uint8Array(end - start);
          await handle.read(buffer, 0, buffer.length, start);
          return buffer;
        }, size);
      } finally {
        await handle.close();
      }
    },
  };
}

function s3Placer(
  client: S3Client,
  bucket: string,
  runPrefix: string,
  tablePrefix: string,
  sizes: Map<string, number>,
): FilePlacer {
  return {
    storage: s3DeltaStorage(client, bucket, tablePrefix),
    async place(runFile, tableFile) {
      // encodeURI, not per segment: s3rver does not decode an escaped "=", and S3 accepts either.
      const source = encodeURI(`${bucket}/${runPrefix}/${runFile}`);
      await client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: `${tablePrefix}/${tableFile}`, CopySource: source }),
      );
      sizes.set(tableFile, sizes.get(runFile) ?? 0);
    },
    async tail(tableFile) {
      const size = sizes.get(tableFile) ?? 0;
      return readTail(async (start, end) => {
        const answer = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: `${tablePrefix}/${tableFile}`,
            Range: `bytes=${start}-${end - 1}`,
          }),
        );
        return answer.Body === undefined ? new Uint8Array() : answer.Body.transformToByteArray();
      }, size);
    },
  };
}

const join2 = (a: string, b: string) => (a === "" ? b : `${a}/${b}`);

/**
 * Commits a finished batch run to the Delta tables of the output root, one commit per table:
 * each of the run's Parquet files is placed in its table under a name unique to this attempt
 * (`<segment>/part-00000-<runId>-<8 hex>.parquet`; a hard link locally, a server-side copy on
 * S3), described from its footer (row count, statistics, partition value), and added; the files
 * an earlier run of the same id added are removed in the same commit (`commitBatchRun`).
 *
 * @example
 * const outcomes = await writeDeltaTables({ out: { kind: "local", path: "/data/out" }, runId: "2026-11-23", prefix: "pinpipe", files: manifest.files });
 */
export async function writeDeltaTables(job: DeltaTablesJob): Promise<DeltaTableOutcome[]> {
  const attempt = randomBytes(4).toString("hex");
  const now = Date.now();
  const outcomes: DeltaTableOutcome[] = [];
  for (const table of RAW_TABLE_NAMES) {
    const definition = cleanTableDefinition(table, job.prefix);
    const name = definition.name!;
    const sizes = new Map<string, number>();
    let placer: FilePlacer;
    if (job.out.kind === "local") {
      placer = localPlacer(join(job.out.path, "runs", job.runId), join(job.out.path, "tables", name), sizes);
    } else {
      if (job.s3Client === undefined) throw new Error("an s3:// output needs an S3 client");
      placer = s3Placer(
        job.s3Client(),
        job.out.bucket,
        join2(job.out.prefix.replace(/\/+$/, ""), `runs/${job.runId}`),
        join2(job.out.prefix.replace(/\/+$/, ""), `tables/${name}`),
        sizes,
      );
    }
    const files: NewDataFile[] = [];
    let rows = 0;
    for (const file of job.files) {
      const match = new RegExp(`^tables/${table}/(.+)/([^/]+)\\.parquet$`).exec(file.path);
      if (match === null) continue;
      const tableFile = `${match[1]}/${match[2]}-${job.runId}-${attempt}.parquet`;
      sizes.set(file.path, file.bytes);
      await placer.place(file.path, tableFile);
      const facts = cleanFileFacts(table, await placer.tail(tableFile));
      files.push({
        path: tableFile,
        partitionValues: facts.partitionValues,
        size: file.bytes,
        stats: facts.stats,
        modificationTime: now,
      });
      rows += facts.numRecords;
    }
    const outcome = await commitBatchRun(placer.storage, definition, job.runId, files, now);
    outcomes.push({
      table,
      location: placer.storage.location,
      version: outcome.version,
      added: outcome.added,
      removed: outcome.removed,
      rows,
    });
  }
  return outcomes;
}
