/**
 * Thrown by encoders, formatters and comparators of this package when the caller's own value cannot be
 * encoded (decoders never throw; they return a {@link DecodeResult}). `reason` says what is wrong.
 *
 * @example
 * try {
 *   formatKafkaConnectKey({ topic: "a+b", partition: 0, startOffset: 0n, ext: "json" });
 * } catch (error) {
 *   if (error instanceof IngestInputError) console.error(error.reason);
 * }
 */
export class IngestInputError extends Error {
  /** What is wrong with the input, without the function name. */
  readonly reason: string;

  constructor(operation: string, reason: string) {
    super(`${operation}: ${reason}`);
    this.name = "IngestInputError";
    this.reason = reason;
  }
}
