import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { type KafkaConnectObjectKeyParts, parseKafkaConnectObjectPath } from "./kafkaConnectObjectKey";

/** The three raw tables. */
export type RecordTable = "pin" | "geo" | "user";

/** A file of records found by {@link listLocalRecordFiles}. */
export interface LocalRecordFile {
  /** Path to open. */
  readonly path: string;
  /** Path relative to the listed root, with `/` separators (the file's name for a single file). */
  readonly file: string;
  /** The table from the Kafka Connect topic or the file name, or `null` when unknown. */
  readonly table: RecordTable | null;
  readonly gzip: boolean;
  /** `ndjson`: one record per line; `auto`: a JSON array if the first non-blank byte is `[`. */
  readonly format: "ndjson" | "auto";
  /** Set for objects in the Kafka Connect S3 sink layout. */
  readonly kafkaConnect?: KafkaConnectObjectKeyParts;
}

const RECORD_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i;
const TABLES: readonly RecordTable[] = ["pin", "geo", "user"];

/**
 * The table a Kafka Connect topic carries: the part after its last dot (`<prefix>.pin`).
 *
 * @example
 * tableOfTopic("0a1b2c.geo"); // "geo"
 * tableOfTopic("clicks");     // null
 */
export function tableOfTopic(topic: string): RecordTable | null {
  const suffix = topic.slice(topic.lastIndexOf(".") + 1);
  return (TABLES as readonly string[]).includes(suffix) ? (suffix as RecordTable) : null;
}

/**
 * The table a plain file name names: the one of `pin`, `geo`, `user` it contains (case-insensitive),
 * or `null` when it contains none or several.
 *
 * @example
 * tableOfFileName("pinterest_data.ndjson");    // "pin"
 * tableOfFileName("geolocation_data.json.gz"); // "geo"
 */
export function tableOfFileName(name: string): RecordTable | null {
  const lower = name.toLowerCase();
  const found = TABLES.filter((table) => lower.includes(table));
  return found.length === 1 ? found[0]! : null;
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
  table: RecordTable | undefined,
): LocalRecordFile | undefined {
  const extension = RECORD_FILE.exec(file);
  if (extension === null) return undefined;
  const gzip = extension[2] !== undefined;
  const kafkaConnect = parseKafkaConnectObjectPath(file);
  if (kafkaConnect !== undefined) {
    return { path, file, table: tableOfTopic(kafkaConnect.topic), gzip, format: "ndjson", kafkaConnect };
  }
  const format = extension[1]!.toLowerCase() === "json" ? "auto" : "ndjson";
  return { path, file, table: table ?? tableOfFileName(basename(file)), gzip, format };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The deterministic reading order: Kafka Connect objects first, by topic, then partition, then start
 * offset (numerically); then other files by path (code-unit order).
 *
 * @example
 * files.sort(compareLocalRecordFiles);
 */
export function compareLocalRecordFiles(a: LocalRecordFile, b: LocalRecordFile): number {
  const ka = a.kafkaConnect;
  const kb = b.kafkaConnect;
  if (ka !== undefined && kb !== undefined) {
    return (
      compareStrings(ka.topic, kb.topic) ||
      ka.partition - kb.partition ||
      ka.startOffset - kb.startOffset ||
      compareStrings(a.file, b.file)
    );
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
  table: RecordTable | undefined,
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
