const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/**
 * Whether `name` is a legal Kinesis stream name: 1 to 128 of `[a-zA-Z0-9_.-]`.
 *
 * @example
 * isKinesisStreamName("streaming-0a1b2c3d4e5f-pin"); // true
 * isKinesisStreamName("a/b"); // false
 */
export function isKinesisStreamName(name: unknown): name is string {
  return typeof name === "string" && STREAM_NAME.test(name);
}
