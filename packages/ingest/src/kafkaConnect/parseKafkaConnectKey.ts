import { type DecodeResult, decoded, rejected } from "./decodeResult";
import { isKafkaTopic, type SourceTable, tableForTopic } from "./kafkaTopic";

/** Compression of a Kafka Connect S3 sink object, told by its extension (`.json` or `.json.gz`). */
export type KafkaConnectCompression = "none" | "gzip";

/** What an S3 sink object key says about the records inside it. */
export interface KafkaConnectKey {
  /** Path before `topics/` (no leading or trailing `/`), `""` when the key starts with `topics/`. */
  readonly prefix: string;
  readonly topic: string;
  readonly partition: number;
  /** Offset of the first record in the object; Kafka offsets are int64, so never a JS number. */
  readonly startOffset: bigint;
  readonly compression: KafkaConnectCompression;
  /** Table the topic carries (`<prefix>.pin|geo|user`), `null` for any other topic. */
  readonly table: SourceTable | null;
}

/** S3 refuses keys longer than 1024 UTF-8 bytes, so anything longer is not a real object key. */
const MAX_S3_KEY_BYTES = 1024;
const MAX_PARTITION = 2 ** 31 - 1;
const MAX_OFFSET = 2n ** 63n - 1n;
const CANONICAL_PARTITION = /^(0|[1-9]\d{0,9})$/;

/** Parses a canonical (no leading zeros) int32 partition number, or returns `null`. */
const parsePartition = (text: string): number | null => {
  if (!CANONICAL_PARTITION.test(text)) return null;
  const value = Number(text);
  return value <= MAX_PARTITION ? value : null;
};

/**
 * Parses the key of an object written by the Kafka Connect S3 sink with its default layout:
 * `[<prefix>/]topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json[.gz]`. The offset may be
 * zero-padded to any width (the sink pads to 10 digits). Keys that are absolute, contain `.`/`..`
 * segments, empty segments or backslashes, exceed S3's 1024 bytes, or whose folder and file name
 * disagree on topic or partition are rejected with a reason.
 *
 * @example
 * parseKafkaConnectKey("raw/topics/0a1b.pin/partition=0/0a1b.pin+0+0000000042.json");
 * // { ok: true, value: { prefix: "raw", topic: "0a1b.pin", partition: 0, startOffset: 42n,
 * //   compression: "none", table: "pin" } }
 */
export function parseKafkaConnectKey(key: string): DecodeResult<KafkaConnectKey> {
  if (typeof key !== "string") return rejected("key is not a string");
  if (key === "") return rejected("key is empty");
  if (key.length > MAX_S3_KEY_BYTES || Buffer.byteLength(key, "utf8") > MAX_S3_KEY_BYTES) {
    return rejected(`key is longer than ${MAX_S3_KEY_BYTES} bytes`);
  }
  if (key.startsWith("/")) return rejected("key is an absolute path");
  if (key.includes("\\")) return rejected("key contains a backslash");
  const segments = key.split("/");
  if (segments.some((segment) => segment === "")) return rejected("key has an empty path segment");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    return rejected("key has a '.' or '..' path segment");
  }
  if (segments.length < 4) return rejected("key is not topics/<topic>/partition=<p>/<file>");
  const [topicsDir, folderTopic, partitionDir, fileName] = segments.slice(-4) as [
    string,
    string,
    string,
    string,
  ];
  if (topicsDir !== "topics") return rejected("key has no 'topics' folder before the topic");
  if (!isKafkaTopic(folderTopic)) return rejected(`'${folderTopic}' is not a Kafka topic name`);
  if (!partitionDir.startsWith("partition=")) return rejected("key has no partition=<p> folder");
  const folderPartition = parsePartition(partitionDir.slice("partition=".length));
  if (folderPartition === null) return rejected(`'${partitionDir}' does not hold a partition number`);

  let compression: KafkaConnectCompression;
  let stem: string;
  if (fileName.endsWith(".json.gz")) {
    compression = "gzip";
    stem = fileName.slice(0, -".json.gz".length);
  } else if (fileName.endsWith(".json")) {
    compression = "none";
    stem = fileName.slice(0, -".json".length);
  } else {
    return rejected(`'${fileName}' is neither .json nor .json.gz`);
  }
  const parts = stem.split("+");
  if (parts.length !== 3) return rejected(`'${fileName}' is not <topic>+<partition>+<offset>`);
  const [fileTopic, filePartitionText, offsetText] = parts as [string, string, string];
  if (fileTopic !== folderTopic) {
    return rejected(`file name topic '${fileTopic}' differs from folder topic '${folderTopic}'`);
  }
  const filePartition = parsePartition(filePartitionText);
  if (filePartition === null) return rejected(`'${filePartitionText}' is not a partition number`);
  if (filePartition !== folderPartition) {
    return rejected(`file name partition ${filePartition} differs from folder partition ${folderPartition}`);
  }
  if (!/^\d{1,19}$/.test(offsetText)) return rejected(`'${offsetText}' is not an offset`);
  const startOffset = BigInt(offsetText);
  if (startOffset > MAX_OFFSET) return rejected(`offset ${offsetText} exceeds int64`);

  return decoded({
    prefix: segments.slice(0, -4).join("/"),
    topic: folderTopic,
    partition: folderPartition,
    startOffset,
    compression,
    table: tableForTopic(folderTopic),
  });
}
