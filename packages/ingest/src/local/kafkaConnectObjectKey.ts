/**
 * The parts of a Kafka Connect S3 sink object key
 * `topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json[.gz]`.
 */
export interface KafkaConnectObjectKeyParts {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset of the object's first record. */
  readonly startOffset: number;
  readonly gzip: boolean;
}

/** Kafka Connect's default `filename.offset.zero.pad.width`. */
const OFFSET_WIDTH = 10;
const KEY_TAIL = /(?:^|\/)([^/]+)\/partition=(\d+)\/([^/]+)\+(\d+)\+(\d+)\.json(\.gz)?$/;

/**
 * Reads the topic, partition and start offset from a Kafka Connect object key or local path (only
 * its last three segments matter, so any prefix before `topics/` is fine). Returns `undefined` when
 * the path is not in the layout or its topic and partition segments disagree.
 *
 * @example
 * parseKafkaConnectObjectPath("topics/abc.pin/partition=0/abc.pin+0+0000000042.json");
 * // { topic: "abc.pin", partition: 0, startOffset: 42, gzip: false }
 */
export function parseKafkaConnectObjectPath(path: string): KafkaConnectObjectKeyParts | undefined {
  const match = KEY_TAIL.exec(path);
  if (match === null) return undefined;
  const [, topicDir, partitionDir, topic, partition, offset, gz] = match;
  if (topicDir !== topic || partitionDir !== partition) return undefined;
  return { topic: topic!, partition: Number(partition), startOffset: Number(offset), gzip: gz !== undefined };
}

/**
 * Formats the Kafka Connect S3 sink key of an object (offsets zero-padded to 10 digits).
 *
 * @example
 * formatKafkaConnectObjectKey({ topic: "abc.geo", partition: 2, startOffset: 7, gzip: true });
 * // "topics/abc.geo/partition=2/abc.geo+2+0000000007.json.gz"
 */
export function formatKafkaConnectObjectKey(parts: KafkaConnectObjectKeyParts): string {
  const offset = String(parts.startOffset).padStart(OFFSET_WIDTH, "0");
  const name = `${parts.topic}+${parts.partition}+${offset}.json${parts.gzip ? ".gz" : ""}`;
  return `topics/${parts.topic}/partition=${parts.partition}/${name}`;
}
