import type { S3Client } from "@aws-sdk/client-s3";
import { type JsonRecord, writeKafkaConnectLayout, writeS3KafkaConnectLayout } from "@pinpipe/ingest";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";
import { RecordChannel } from "./recordChannel";

/**
 * Where {@link layoutEmulatorSink} writes: a local folder, or a bucket and key prefix.
 *
 * @example
 * const target: LayoutTarget = { kind: "s3", client, bucket: "raw", keyPrefix: "emulated" };
 */
export type LayoutTarget =
  | { readonly kind: "dir"; readonly dir: string }
  | { readonly kind: "s3"; readonly client: S3Client; readonly bucket: string; readonly keyPrefix: string };

/**
 * Options of {@link layoutEmulatorSink}: the Kafka Connect topic prefix (topics are
 * `<topicPrefix>.pin`, `.geo`, `.user`), partitions and records per object (`flush.size`).
 *
 * @example
 * const options: LayoutEmulatorSinkOptions = { target, topicPrefix: "pinpipe", partitions: 1, recordsPerObject: 100 };
 */
export interface LayoutEmulatorSinkOptions {
  readonly target: LayoutTarget;
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly recordsPerObject: number;
  readonly signal?: AbortSignal;
}

/** Records queued per table before `send` waits for the writer. */
const QUEUE_RECORDS = 1_000;

/**
 * Writes posts in the Kafka Connect S3 sink layout, with the ingest layout writers (local folder or
 * S3), one writer per table fed through a bounded queue. As with Kafka Connect, an object appears
 * once it holds `recordsPerObject` records; `close` writes the last, partly filled ones.
 *
 * @example
 * const sink = layoutEmulatorSink({ target: { kind: "dir", dir: "/tmp/raw" }, topicPrefix: "pinpipe", partitions: 1, recordsPerObject: 100 });
 * await sink.send(posts);
 * await sink.close(); // "6 objects"
 */
export function layoutEmulatorSink(options: LayoutEmulatorSinkOptions): EmulatorSink {
  const { target, topicPrefix, partitions, recordsPerObject, signal } = options;
  const channels = new Map<EmulatorTable, RecordChannel<JsonRecord>>();
  const writers = EMULATOR_TABLES.map((table) => {
    const channel = new RecordChannel<JsonRecord>(QUEUE_RECORDS);
    channels.set(table, channel);
    const writing =
      target.kind === "dir"
        ? writeKafkaConnectLayout(target.dir, topicPrefix, table, channel, { partitions, recordsPerObject })
        : writeS3KafkaConnectLayout({
            client: target.client,
            bucket: target.bucket,
            ...(target.keyPrefix === "" ? {} : { keyPrefix: target.keyPrefix }),
            topicPrefix,
            table,
            records: channel,
            partitions,
            recordsPerObject,
            ...(signal === undefined ? {} : { signal }),
          });
    // A failed writer must stop the producer: its queue rejects pushes from then on.
    return writing.then(
      (summary) => summary.objects,
      (error: unknown) => {
        channel.fail(error);
        throw error;
      },
    );
  });
  // The error is surfaced by `send` or `close`; this only keeps it from being unhandled meanwhile.
  for (const writer of writers) writer.catch(() => {});

  return {
    description:
      target.kind === "dir"
        ? `Kafka Connect layout in ${target.dir}`
        : `Kafka Connect layout in s3://${target.bucket}${target.keyPrefix === "" ? "" : `/${target.keyPrefix}`}`,
    async send(posts) {
      for (const post of posts) {
        for (const table of EMULATOR_TABLES) {
          const record = post[table];
          if (record !== undefined) await channels.get(table)!.push(record);
        }
      }
    },
    async close() {
      for (const channel of channels.values()) channel.end();
      const objects = await Promise.all(writers);
      return `${objects.reduce((a, b) => a + b, 0)} objects`;
    },
  };
}
