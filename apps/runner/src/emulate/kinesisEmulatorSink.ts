import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { type JsonRecord, putKinesisRecords } from "@pinpipe/ingest";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";

/**
 * How records get their partition key: `ind` uses the post's row (`"7528"`), so a post's three
 * records land on the same shard number of same-shaped streams and records spread over the shards;
 * `table` uses the table name (`"pin"`, `"geo"`, `"user"`), one fixed key per stream like the
 * original pipeline's fixed API Gateway partition key, so each stream uses a single shard.
 *
 * @example
 * const mode: PartitionKeyMode = "ind";
 */
export type PartitionKeyMode = "ind" | "table";

/**
 * Options of {@link kinesisEmulatorSink}.
 *
 * @example
 * const options: KinesisEmulatorSinkOptions = { client, streams: { pin: "p", geo: "g", user: "u" }, partitionKey: "ind" };
 */
export interface KinesisEmulatorSinkOptions {
  readonly client: KinesisClient;
  readonly streams: Readonly<Record<EmulatorTable, string>>;
  readonly partitionKey: PartitionKeyMode;
  readonly signal?: AbortSignal;
}

/**
 * Sends each table's records to its stream with PutRecords (`putKinesisRecords`: batches within
 * the AWS limits, resends only the entries Kinesis rejected). Posts sent together go in one call
 * per stream, the three streams in parallel.
 *
 * @example
 * const sink = kinesisEmulatorSink({ client, streams: { pin: "p", geo: "g", user: "u" }, partitionKey: "ind" });
 * await sink.send([post]);
 */
export function kinesisEmulatorSink(options: KinesisEmulatorSinkOptions): EmulatorSink {
  const { client, streams, signal } = options;
  let requests = 0;
  let retried = 0;
  return {
    description: `Kinesis streams ${EMULATOR_TABLES.map((t) => streams[t]).join(", ")}`,
    async send(posts) {
      await Promise.all(
        EMULATOR_TABLES.map(async (table) => {
          const records: JsonRecord[] = [];
          const rows: number[] = [];
          for (const post of posts) {
            const record = post[table];
            if (record === undefined) continue;
            records.push(record);
            rows.push(post.row);
          }
          if (records.length === 0) return;
          const result = await putKinesisRecords({
            client,
            stream: streams[table],
            records,
            partitionKey: (_record, index) => (options.partitionKey === "ind" ? String(rows[index]) : table),
            ...(signal === undefined ? {} : { signal }),
          });
          requests += result.requests;
          retried += result.retriedEntries;
        }),
      );
    },
    async close() {
      return `${requests} PutRecords calls, ${retried} entries resent`;
    },
  };
}
