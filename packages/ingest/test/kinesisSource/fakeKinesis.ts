import type { GetShardIteratorCommandInput, ListShardsCommandInput, Shard } from "@aws-sdk/client-kinesis";
import type { KinesisReadApi } from "../../src/index";

interface FakeRecord {
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

interface FakeShard {
  readonly shard: Shard;
  readonly records: FakeRecord[];
  closed: boolean;
}

type Operation = "listShards" | "getShardIterator" | "getRecords";

/** An error shaped like the SDK's service exceptions (only `name` matters to the code under test). */
export function serviceError(name: string): Error {
  const error = new Error(`${name} (fake)`);
  error.name = name;
  return error;
}

/**
 * An in-memory Kinesis stream behind {@link KinesisReadApi}, for what emulators cannot do: throttling,
 * expired iterators, paged listings, lag. Iterators are "<shardId>@<index>"; sequence numbers are
 * decimal strings that grow across the whole stream.
 */
export class FakeKinesis implements KinesisReadApi {
  readonly calls: { operation: Operation; input: object }[] = [];
  readonly shards = new Map<string, FakeShard>();
  /** Errors to throw, in order, by the next calls of an operation. */
  readonly faults: Record<Operation, Error[]> = { listShards: [], getShardIterator: [], getRecords: [] };
  /** MillisBehindLatest to report, per GetRecords call in order (0 after the list runs out). */
  readonly lag: number[] = [];
  private nextSequence = 1000n;

  constructor(readonly stream: string) {}

  addShard(shardId: string, parents: { parent?: string; adjacentParent?: string } = {}): this {
    this.shards.set(shardId, {
      shard: {
        ShardId: shardId,
        HashKeyRange: { StartingHashKey: "0", EndingHashKey: "1" },
        SequenceNumberRange: { StartingSequenceNumber: "0" },
        ...(parents.parent === undefined ? {} : { ParentShardId: parents.parent }),
        ...(parents.adjacentParent === undefined ? {} : { AdjacentParentShardId: parents.adjacentParent }),
      },
      records: [],
      closed: false,
    });
    return this;
  }

  /** Appends JSON records to a shard and returns their sequence numbers. */
  put(shardId: string, values: readonly object[], partitionKey = "k"): string[] {
    const shard = this.shardOf(shardId);
    return values.map((value) => {
      this.nextSequence += 1n;
      const sequenceNumber = this.nextSequence.toString();
      shard.records.push({
        sequenceNumber,
        partitionKey,
        data: new TextEncoder().encode(JSON.stringify(value)),
      });
      return sequenceNumber;
    });
  }

  /** Appends one record with raw data (e.g. a KPL aggregate) and returns its sequence number. */
  putData(shardId: string, data: Uint8Array, partitionKey = "k"): string {
    this.nextSequence += 1n;
    const sequenceNumber = this.nextSequence.toString();
    this.shardOf(shardId).records.push({ sequenceNumber, partitionKey, data });
    return sequenceNumber;
  }

  close(shardId: string): this {
    const shard = this.shardOf(shardId);
    shard.closed = true;
    shard.shard.SequenceNumberRange = {
      StartingSequenceNumber: "0",
      EndingSequenceNumber: this.nextSequence.toString(),
    };
    return this;
  }

  callsOf(operation: Operation): object[] {
    return this.calls.filter((call) => call.operation === operation).map((call) => call.input);
  }

  async listShards(input: ListShardsCommandInput) {
    this.record("listShards", input);
    return { Shards: [...this.shards.values()].map((shard) => shard.shard) };
  }

  async getShardIterator(input: GetShardIteratorCommandInput) {
    this.record("getShardIterator", input);
    const shard = this.shardOf(input.ShardId ?? "");
    const indexOf = (sequenceNumber: string | undefined): number => {
      const index = shard.records.findIndex((record) => record.sequenceNumber === sequenceNumber);
      if (index < 0) throw serviceError("InvalidArgumentException");
      return index;
    };
    let index: number;
    switch (input.ShardIteratorType) {
      case "TRIM_HORIZON":
        index = 0;
        break;
      case "LATEST":
        index = shard.records.length;
        break;
      case "AT_SEQUENCE_NUMBER":
        index = indexOf(input.StartingSequenceNumber);
        break;
      case "AFTER_SEQUENCE_NUMBER":
        index = indexOf(input.StartingSequenceNumber) + 1;
        break;
      default:
        throw serviceError("InvalidArgumentException");
    }
    return { ShardIterator: `${input.ShardId}@${index}` };
  }

  async getRecords(input: { ShardIterator: string | undefined; Limit?: number }) {
    this.record("getRecords", input);
    const [shardId, at] = (input.ShardIterator ?? "").split("@");
    const shard = this.shardOf(shardId ?? "");
    const start = Number(at);
    const page = shard.records.slice(start, start + (input.Limit ?? 10_000));
    const end = start + page.length;
    return {
      Records: page.map((record) => ({
        SequenceNumber: record.sequenceNumber,
        PartitionKey: record.partitionKey,
        Data: record.data,
        ApproximateArrivalTimestamp: new Date(0),
      })),
      NextShardIterator: shard.closed && end === shard.records.length ? undefined : `${shardId}@${end}`,
      MillisBehindLatest: this.lag.shift() ?? 0,
    };
  }

  private record(operation: Operation, input: object): void {
    this.calls.push({ operation, input });
    const fault = this.faults[operation].shift();
    if (fault !== undefined) throw fault;
  }

  private shardOf(shardId: string): FakeShard {
    const shard = this.shards.get(shardId);
    if (shard === undefined) throw serviceError("ResourceNotFoundException");
    return shard;
  }
}
