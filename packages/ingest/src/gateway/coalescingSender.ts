import type { KafkaPartitionOffset, KafkaRecordToSend } from "../kafka/kafkaRecordProducer";

/**
 * Options of {@link createCoalescingSender}.
 *
 * @example
 * const options: CoalescingSenderOptions = { maxBatchBytes: 512 * 1024 };
 */
export interface CoalescingSenderOptions {
  /**
   * Most value and key bytes one combined send carries (default 512 KiB, under a broker's default
   * 1 MB request limit); a single request larger than that is still sent, alone.
   */
  readonly maxBatchBytes?: number;
}

type Send = (records: readonly KafkaRecordToSend[]) => Promise<readonly KafkaPartitionOffset[]>;

interface Waiting {
  readonly records: readonly KafkaRecordToSend[];
  readonly bytes: number;
  readonly resolve: (offsets: readonly KafkaPartitionOffset[]) => void;
  readonly reject: (error: unknown) => void;
}

const size = (value: Uint8Array | string | undefined): number =>
  value === undefined ? 0 : typeof value === "string" ? Buffer.byteLength(value) : value.byteLength;

/**
 * Wraps an idempotent producer's `send` so that one send is in flight at a time: requests arriving
 * meanwhile wait and go together in the next send, in arrival order. An idempotent producer numbers
 * each partition's batches; two sends racing to one partition can reach the broker out of order,
 * which it refuses ("out of order sequence number"). Coalescing keeps the order and, under load,
 * sends fewer, larger batches. Each caller still gets the base offset of each partition among *its*
 * records, so offsets are answered per request exactly as for a send of its own. A failed combined
 * send fails every request in it.
 *
 * @example
 * const send = createCoalescingSender((records) => producer.send(records));
 * const [a, b] = await Promise.all([send([recordA]), send([recordB])]); // one send, two answers
 */
export function createCoalescingSender(send: Send, options: CoalescingSenderOptions = {}): Send {
  const maxBytes = options.maxBatchBytes ?? 512 * 1024;
  const waiting: Waiting[] = [];
  let busy = false;

  const takeGroup = (): Waiting[] => {
    const group: Waiting[] = [waiting.shift()!];
    let bytes = group[0]!.bytes;
    while (waiting.length > 0 && bytes + waiting[0]!.bytes <= maxBytes) {
      const next = waiting.shift()!;
      bytes += next.bytes;
      group.push(next);
    }
    return group;
  };

  const pump = (): void => {
    if (busy || waiting.length === 0) return;
    busy = true;
    const group = takeGroup();
    send(group.flatMap((entry) => entry.records))
      .then((bases) => {
        const base = new Map(bases.map((entry) => [`${entry.topic}\u0000${entry.partition}`, entry.offset]));
        const seen = new Map<string, bigint>();
        for (const entry of group) {
          const own = new Map<string, KafkaPartitionOffset>();
          for (const record of entry.records) {
            const key = `${record.topic}\u0000${record.partition}`;
            const before = seen.get(key) ?? 0n;
            seen.set(key, before + 1n);
            const start = base.get(key);
            if (!own.has(key) && start !== undefined && record.partition !== undefined) {
              own.set(key, { topic: record.topic, partition: record.partition, offset: start + before });
            }
          }
          entry.resolve([...own.values()]);
        }
      })
      .catch((error: unknown) => {
        for (const entry of group) entry.reject(error);
      })
      .finally(() => {
        busy = false;
        pump();
      });
  };

  return (records) =>
    new Promise((resolve, reject) => {
      const bytes = records.reduce((sum, record) => sum + size(record.value) + size(record.key), 0);
      waiting.push({ records, bytes, resolve, reject });
      pump();
    });
}
