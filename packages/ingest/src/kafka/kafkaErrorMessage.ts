/**
 * The innermost message of a Kafka client error: the client nests the causes of every attempt
 * (`errors`, `cause`), and the outermost says only that the attempts failed.
 *
 * @example
 * kafkaErrorMessage(new AggregateError([new Error("connect ECONNREFUSED 127.0.0.1:1")], "failed 3 times"));
 * // "connect ECONNREFUSED 127.0.0.1:1"
 */
export function kafkaErrorMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 10; depth++) {
    const holder = current as { errors?: unknown[]; cause?: unknown } | null;
    const inner = holder?.errors?.[0] ?? holder?.cause;
    if (inner === undefined || inner === null) break;
    current = inner;
  }
  return current instanceof Error ? current.message : String(current);
}
