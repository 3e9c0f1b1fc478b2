/** `<topic>+<partition>+<offset>.json[.gz]`, the object names of the Kafka Connect S3 sink. */
const KAFKA_CONNECT_OBJECT = /^(.+)\+\d+\+\d+\.json(?:\.gz)?$/;

/**
 * The topic of a Kafka Connect S3 sink object, from its path or key (`/`-separated; the last
 * segment is the object's name), or `null` for a file not named as such an object.
 *
 * @example
 * kafkaConnectTopicOf("topics/0a1b.geo/partition=0/0a1b.geo+0+0000000042.json"); // "0a1b.geo"
 * kafkaConnectTopicOf("exports/user_data.ndjson"); // null
 */
export function kafkaConnectTopicOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return KAFKA_CONNECT_OBJECT.exec(name)?.[1] ?? null;
}
