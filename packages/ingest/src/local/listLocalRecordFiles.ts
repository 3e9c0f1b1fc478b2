import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { compareKafkaConnectKeys } from "../kafkaConnect/compareKafkaConnectKeys";
import type { SourceTable } from "../kafkaConnect/kafkaTopic";
import { type KafkaConnectKey, parseKafkaConnectKey } from "../kafkaConnect/parseKafkaConnectKey";

/** A file of records found by {@link listLocalRecordFiles}. */
export interface LocalRecordFile {
  /** Path to open. */
  readonly path: string;
  /** Path relative to the listed root, with `/` separators (the file's name for a single file). */
  readonly file: string;
  /** The table from the Kafka Connect topic or the file name, or `null` when unknown. */
  readonly table: SourceTable | null;
  readonly gzip: boolean;
  /** `ndjson`: one record per line; `auto`: a JSON array if the first non-blank byte is `[`. */
  readonly format: "ndjson" | "auto";
  /** Set for objects in the Kafka Connect S3 sink layout. */
  readonly kafkaConnect?: KafkaConnectKey;
}

const RECORD_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;
const TABLES: readonly SourceTable[] = ["pin", "geo", "user"];

/**
 * The table a plain file name names: the one of `pin`, `geo`, `user` it contains (case-insensitive),
 * or `null` when it contains none or several.
 *
 * @example
 * tableOfFileName("pinterest_data.ndjson");    // "pin"
 * tableOfFileName("geolocation_data.json.gz"); // "geo"
 */
export function tableOfFileName(name: string): SourceTable | null {
  const lower = name.toLowerCase();
  const found = TABLES.filter((table) => lower.includes(table));
  return found.length === 1 ? found[0]! : null;
}

/** The Kafka Connect key of a relative path, also when the listed root is the `topics` folder itself. */
function kafkaConnectKeyOf(file: string): KafkaConnectKey | undefined {
  const direct = parseKafkaConnectKey(file);
  if (direct.ok) return direct.value;
  const underTopics = parseKafkaConnectKey(`topics/${file}`);
  return underTopics.ok ? underTopics.value : undefined;
}

/**
 * Describes one record file at a path relative to the root (`file`, `/`-separated), or `undefined`
 * when its name is not a record file (`.json`, `.ndjson`, `.jsonl`, optionally `.gz`). `table`
 * overrides the name-based table of files outside the Kafka Connect layout.
 *
 * @example
 * describeRecordFile("/data/topics/a.pin/partition=0/a.pin+0+0000000000.json", "topics/a.pin/partition=0/a.pin+0+0000000000.json", undefined)?.table;
 * // "pin"
 */
export function describeRecordFile(
  path: string,
  file: string,
  table: SourceTable | undefined,
): LocalRecordFile | undefined {
  const extension = RECORD_FILE.exec(file);
  if (extension === null) return undefined;
  const gzip = extension[2] !== undefined;
  const kafkaConnect = kafkaConnectKeyOf(file);
  if (kafkaConnect !== undefined) {
    return { path, file, table: kafkaConnect.table, gzip, format: "ndjson", kafkaConnect };
  }
  const format = extension[1]!.toLowerCase() === "json" ? "auto" : "ndjson";
  return { path, file, table: table ?? tableOfFileName(basename(file)), gzip, format };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The deterministic reading order: Kafka Connect objects first, by topic, then partition, then start
 * offset (numerically, see `compareKafkaConnectKeys`); then other files by path (code-unit order).
 *
 * @example
 * files.sort(compareLocalRecordFiles);
 */
export function compareLocalRecordFiles(a: LocalRecordFile, b: LocalRecordFile): number {
  const ka = a.kafkaConnect;
  const kb = b.kafkaConnect;
  if (ka !== undefined && kb !== undefined) {
    return compareKafkaConnectKeys(ka, kb) || compareStrings(a.file, b.file);
  }
  if (ka !== undefined) return -1;
  if (kb !== undefined) return 1;
  return compareStrings(a.file, b.file);
}

/**
 * Lists the record files under a folder (recursively, skipping hidden entries) or the single file at
 * `root`, sorted by {@link compareLocalRecordFiles}.
 *
 * @example
 * const files = await listLocalRecordFiles("./out/bucket", undefined);
 * files[0]?.file; // e.g. "topics/x.geo/partition=0/x.geo+0+0000000000.json"
 */
export async function listLocalRecordFiles(
  root: string,
  table: SourceTable | undefined,
): Promise<LocalRecordFile[]> {
  const info = await stat(root);
  if (!info.isDirectory()) {
    const single = describeRecordFile(root, basename(root), table);
    return single === undefined ? [] : [single];
  }
  const files: LocalRecordFile[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(root, path).split(sep).join("/");
    if (file.split("/").some((segment) => segment.startsWith("."))) continue;
    const described = describeRecordFile(path, file, table);
    if (described !== undefined) files.push(described);
  }
  return files.sort(compareLocalRecordFiles);
}
