/**
 * The line the S3 layout holds for one Kafka message, so that every offset has exactly one line and
 * a partition's next offset can be read back from its objects: the value's bytes as they are (the
 * JSON the REST proxy stored); `null` for a message without a value (a tombstone); and, for a value
 * with a line break (which would split into several lines), the value's text as one JSON string.
 * The batch job then rejects the last two with their reasons (`not_an_object`).
 *
 * @example
 * kafkaConnectLine(new TextEncoder().encode('{"ind":1}')); // '{"ind":1}'
 * kafkaConnectLine(undefined); // "null"
 * kafkaConnectLine(new TextEncoder().encode("a\nb")); // '"a\\nb"'
 */
export function kafkaConnectLine(value: Uint8Array | undefined): string {
  if (value === undefined) return "null";
  const text = new TextDecoder().decode(value);
  return /[\n\r]/.test(text) ? JSON.stringify(text) : text;
}
