import type { EmulatorPost } from "./emulatorRows";

/**
 * The three tables the emulator posts to, in the order it posts them (pin, geo, user).
 *
 * @example
 * for (const table of EMULATOR_TABLES) console.log(table); // pin, geo, user
 */
export const EMULATOR_TABLES = ["pin", "geo", "user"] as const;

/**
 * One of {@link EMULATOR_TABLES}.
 *
 * @example
 * const table: EmulatorTable = "geo";
 */
export type EmulatorTable = (typeof EMULATOR_TABLES)[number];

/**
 * Where emulated posts go: Kinesis streams, the Kafka Connect S3 sink layout in a bucket or a local
 * folder, a Confluent REST proxy or an API Gateway Kinesis proxy.
 *
 * @example
 * await sink.send([post]);
 * await sink.close();
 * console.log(sink.description);
 */
export interface EmulatorSink {
  /** Names the destination, for the summary. */
  readonly description: string;
  /** Sends the posts' records; resolves once the sink accepted them (or queued them, for layouts). */
  send(posts: readonly EmulatorPost[]): Promise<void>;
  /** Writes what is still buffered; returns a note for the summary (e.g. objects written). */
  close(): Promise<string>;
}
