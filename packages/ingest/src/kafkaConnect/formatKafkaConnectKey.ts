import { IngestInputError } from "./ingestInputError";
import { isKafkaTopic } from "./kafkaTopic";

/** Where an S3 sink object goes: what {@link formatKafkaConnectKey} needs. */
export interface KafkaConnectKeyParts {
  readonly topic: string;
  readonly partition: number;
  readonly startOffset: bigint | number;
  readonly ext: "json" | "json.gz";
  /** Path before `topics/`, without leading or trailing `/`; omitted or `""` for none. */
  readonly prefix?: string;
}

/** Width the S3 sink pads offsets to by default (`filename.offset.zero.pad.width`). */
const OFFSET_PAD_WIDTH = 10;
const MAX_PARTITION = 2 ** 31 - 1;
const MAX_OFFSET = 2n ** 63n - 1n;

const fail = (reason: string): never => {
  throw new IngestInputError("formatKafkaConnectKey", reason);
};

/**
 * The object key the Kafka Connect S3 sink writes for a batch starting at `startOffset`:
 * `[<prefix>/]topics/<topic>/partition=<p>/<topic>+<p>+<offset padded to 10 digits>.<ext>`.
 * The inverse of `parseKafkaConnectKey`.
 *
 * @throws {IngestInputError} for an illegal topic, a partition outside int32, an offset outside int64,
 * another extension, or a prefix with empty, `.` or `..` segments, a leading/trailing `/` or a backslash.
 * @example
 * formatKafkaConnectKey({ topic: "0a1b.geo", partition: 2, startOffset: 1234n, ext: "json.gz" });
 * // "topics/0a1b.geo/partition=2/0a1b.geo+2+0000001234.json.gz"
 */
export function formatKafkaConnectKey(parts: KafkaConnectKeyParts): string {
  const { topic, partition, startOffset, ext, prefix = "" } = parts;
  if (!isKafkaTopic(topic)) fail(`'${String(topic)}' is not a Kafka topic name`);
  if (!Number.isInteger(partition) || partition < 0 || partition > MAX_PARTITION) {
    fail(`partition ${String(partition)} is not an int32 >= 0`);
  }
  let offset: bigint;
  if (typeof startOffset === "bigint") {
    offset = startOffset;
  } else if (Number.isSafeInteger(startOffset)) {
    offset = BigInt(startOffset);
  } else {
    return fail(`startOffset ${String(startOffset)} is not a safe integer or bigint`);
  }
  if (offset < 0n || offset > MAX_OFFSET) fail(`startOffset ${offset} is outside int64 >= 0`);
  if (ext !== "json" && ext !== "json.gz") fail(`extension '${String(ext)}' is neither json nor json.gz`);
  if (typeof prefix !== "string") fail("prefix is not a string");
  if (prefix !== "") {
    if (prefix.includes("\\")) fail("prefix contains a backslash");
    const bad = prefix.split("/").some((segment) => segment === "" || segment === "." || segment === "..");
    if (bad) fail(`prefix '${prefix}' has an empty, '.' or '..' segment or a leading/trailing '/'`);
  }
  const padded = offset.toString().padStart(OFFSET_PAD_WIDTH, "0");
  const root = prefix === "" ? "topics" : `${prefix}/topics`;
  return `${root}/${topic}/partition=${partition}/${topic}+${partition}+${padded}.${ext}`;
}
