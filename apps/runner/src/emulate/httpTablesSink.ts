import {
  type DeliverHttpBatchesOptions,
  deliverHttpBatches,
  type HttpBatchProtocol,
} from "./deliverHttpBatches";
import type { EmulatorPost } from "./emulatorRows";
import { EMULATOR_TABLES, type EmulatorSink, type EmulatorTable } from "./emulatorSink";
import { HttpDeliveryTally } from "./httpDeliveryTally";

/**
 * What an HTTP emulator sink adds to {@link httpTablesSink}: its description, how each table's
 * records are taken from the posts and how a batch of them is requested and its answer read.
 *
 * @example
 * const options: HttpTablesSinkOptions<JsonRecord> = { description, delivery, recordsOf, protocolFor };
 */
export interface HttpTablesSinkOptions<T> {
  readonly description: string;
  readonly delivery: DeliverHttpBatchesOptions;
  /** The records of `table` in `posts`, in post order (posts without one are skipped). */
  readonly recordsOf: (posts: readonly EmulatorPost[], table: EmulatorTable) => T[];
  readonly protocolFor: (table: EmulatorTable) => HttpBatchProtocol<T>;
}

/**
 * An {@link EmulatorSink} that delivers each table's records with {@link deliverHttpBatches}:
 * records of a table one request after another, in order; the three tables in parallel. Closing
 * notes the requests, retries and resent records of all deliveries.
 *
 * @example
 * const sink = httpTablesSink({ description: "REST proxy", delivery, recordsOf, protocolFor });
 * await sink.send([post]);
 * await sink.close(); // "3 requests, 0 retried, 0 records resent"
 */
export function httpTablesSink<T>(options: HttpTablesSinkOptions<T>): EmulatorSink {
  const tally = new HttpDeliveryTally();
  return {
    description: options.description,
    async send(posts) {
      await Promise.all(
        EMULATOR_TABLES.map(async (table) => {
          const records = options.recordsOf(posts, table);
          if (records.length === 0) return;
          tally.add(await deliverHttpBatches(records, options.protocolFor(table), options.delivery));
        }),
      );
    },
    async close() {
      return tally.note();
    },
  };
}
