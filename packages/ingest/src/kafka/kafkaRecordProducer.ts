import { loadKafkaClient } from "./loadKafkaClient";

/**
 * One record to produce: its topic, its value bytes (or text, sent as UTF-8), and optionally its key
 * and partition (without a partition the client's partitioner picks one from the key).
 *
 * @example
 * const record: KafkaRecordToSend = { topic: "p.pin", value: '{"index":1}', partition: 0 };
 */
export interface KafkaRecordToSend {
  readonly topic: string;
  readonly value: Uint8Array | string;
  readonly key?: Uint8Array | string;
  readonly partition?: number;
}

/**
 * Where the first record a send stored in one partition landed.
 *
 * @example
 * const stored: KafkaPartitionOffset = { topic: "p.pin", partition: 0, offset: 41n };
 */
export interface KafkaPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * Options of {@link createKafkaRecordProducer}.
 *
 * @example
 * const options: KafkaRecordProducerOptions = { brokers: ["127.0.0.1:9092"], retries: 10 };
 */
export interface KafkaRecordProducerOptions {
  readonly brokers: readonly string[];
  /** Client id the broker logs (default `pinpipe`). */
  readonly clientId?: string;
  /** Resends of a request that failed for a retriable reason (default 10). */
  readonly retries?: number;
  /** First wait before a resend in ms, doubling up to 5 s (default 100). */
  readonly retryBaseMs?: number;
  /** Milliseconds one request may take (default 30000). */
  readonly requestTimeoutMs?: number;
}

/**
 * A producer of records to Kafka, shared by whatever hands records to Kafka (the emulator, a
 * gateway).
 *
 * @example
 * const producer: KafkaRecordProducer = createKafkaRecordProducer({ brokers });
 * await producer.send([{ topic: "p.pin", value: "{}" }]);
 * await producer.close();
 */
export interface KafkaRecordProducer {
  /**
   * Sends records and resolves once every one is stored by its partition leader (acks from all
   * in-sync replicas); records of one partition are stored in the order given, so the k-th record
   * sent to a partition has its base offset plus k. Returns the base offset of each partition written.
   */
  send(records: readonly KafkaRecordToSend[]): Promise<readonly KafkaPartitionOffset[]>;
  /** Resends made so far for retriable errors (disconnects, leader changes, timeouts). */
  retries(): number;
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 5_000;

function bytes(value: Uint8Array | string): Buffer {
  return typeof value === "string"
    ? Buffer.from(value, "utf8")
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Creates an idempotent producer: the broker drops a batch it already stored when a resend comes
 * (a lost answer, a reconnect), so retrying never stores a record twice. Requests that fail for a
 * retriable reason are resent with a doubling backoff; any other error rejects `send`.
 *
 * @example
 * const producer = createKafkaRecordProducer({ brokers: ["127.0.0.1:9092"] });
 * await producer.send([{ topic: "p.geo", value: JSON.stringify({ ind: 7 }), partition: 2 }]);
 * await producer.close();
 */
export function createKafkaRecordProducer(options: KafkaRecordProducerOptions): KafkaRecordProducer {
  const retries = options.retries ?? 10;
  const base = options.retryBaseMs ?? 100;
  if (!Number.isInteger(retries) || retries < 0)
    throw new RangeError(`retries must be a non-negative integer`);
  let resent = 0;
  const producer = loadKafkaClient().then(
    ({ Producer, ProduceAcks }) =>
      new Producer({
        clientId: options.clientId ?? "pinpipe",
        bootstrapBrokers: [...options.brokers],
        idempotent: true,
        acks: ProduceAcks.ALL,
        retries,
        timeout: options.requestTimeoutMs ?? 30_000,
        retryDelay: (_client, _operation, attempt) => {
          resent++;
          return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
        },
      }),
  );
  return {
    async send(records) {
      const result = await (await producer).send({
        messages: records.map((record) => ({
          topic: record.topic,
          value: bytes(record.value),
          ...(record.key === undefined ? {} : { key: bytes(record.key) }),
          ...(record.partition === undefined ? {} : { partition: record.partition }),
        })),
      });
      return (result.offsets ?? []).map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    },
    retries: () => resent,
    close: async () => (await producer).close(),
  };
}
