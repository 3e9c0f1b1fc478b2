/** The three source tables of the pipeline, as named by the last dot-segment of their Kafka topic. */
export type SourceTable = "pin" | "geo" | "user";

/** Kafka's own rule for topic names: 1 to 249 of `[a-zA-Z0-9._-]`, but not `.` or `..`. */
const TOPIC_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Whether `topic` is a legal Kafka topic name. Legal names never contain `+` or `/`, which is what makes
 * the S3 sink's `<topic>+<partition>+<offset>` file names parseable.
 *
 * @example
 * isKafkaTopic("0a1b2c3d4e5f.pin"); // true
 * isKafkaTopic("a+b"); // false
 */
export function isKafkaTopic(topic: unknown): topic is string {
  return typeof topic === "string" && TOPIC_PATTERN.test(topic) && topic !== "." && topic !== "..";
}

/**
 * The source table a topic carries: the original pipeline names its topics `<prefix>.pin`,
 * `<prefix>.geo` and `<prefix>.user`. Any other topic (or a bare `pin`) gives `null`.
 *
 * @example
 * tableForTopic("0a1b2c3d4e5f.geo"); // "geo"
 * tableForTopic("0a1b2c3d4e5f.orders"); // null
 */
export function tableForTopic(topic: string): SourceTable | null {
  if (!isKafkaTopic(topic)) return null;
  const match = /^.+\.(pin|geo|user)$/.exec(topic);
  return match ? (match[1] as SourceTable) : null;
}
