import {
  GetRecordsCommand,
  type GetRecordsCommandInput,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type GetShardIteratorCommandOutput,
  KinesisClient,
  ListShardsCommand,
  type ListShardsCommandInput,
  type ListShardsCommandOutput,
  PutRecordsCommand,
  type PutRecordsCommandInput,
  type PutRecordsCommandOutput,
} from "@aws-sdk/client-kinesis";

/**
 * The Kinesis read calls the source makes, with only the response fields it uses. A `KinesisClient`
 * is adapted by {@link toKinesisReadApi}; tests pass a small fake object to simulate what emulators
 * cannot (throttling, expired iterators, paged shard listings).
 *
 * @example
 * ```ts
 * const api: KinesisReadApi = toKinesisReadApi(createKinesisClient());
 * const { Shards } = await api.listShards({ StreamName: "pins" });
 * ```
 */
export interface KinesisReadApi {
  listShards(
    input: ListShardsCommandInput,
    signal?: AbortSignal,
  ): Promise<Pick<ListShardsCommandOutput, "Shards" | "NextToken">>;
  getShardIterator(
    input: GetShardIteratorCommandInput,
    signal?: AbortSignal,
  ): Promise<Pick<GetShardIteratorCommandOutput, "ShardIterator">>;
  getRecords(
    input: GetRecordsCommandInput,
    signal?: AbortSignal,
  ): Promise<
    Pick<GetRecordsCommandOutput, "Records" | "NextShardIterator" | "MillisBehindLatest" | "ChildShards">
  >;
}

/**
 * The Kinesis write call the sink makes, with only the response fields it uses.
 *
 * @example
 * ```ts
 * const api: KinesisWriteApi = toKinesisWriteApi(createKinesisClient());
 * ```
 */
export interface KinesisWriteApi {
  putRecords(
    input: PutRecordsCommandInput,
    signal?: AbortSignal,
  ): Promise<Pick<PutRecordsCommandOutput, "Records" | "FailedRecordCount">>;
}

/**
 * Adapts a `KinesisClient` to {@link KinesisReadApi}; any other object is taken as already being one.
 *
 * @example
 * ```ts
 * import { KinesisClient } from "@aws-sdk/client-kinesis";
 * const api = toKinesisReadApi(new KinesisClient({}));
 * ```
 */
export function toKinesisReadApi(client: KinesisClient | KinesisReadApi): KinesisReadApi {
  if (!(client instanceof KinesisClient)) return client;
  return {
    listShards: (input, signal) => client.send(new ListShardsCommand(input), withSignal(signal)),
    getShardIterator: (input, signal) => client.send(new GetShardIteratorCommand(input), withSignal(signal)),
    getRecords: (input, signal) => client.send(new GetRecordsCommand(input), withSignal(signal)),
  };
}

/**
 * Adapts a `KinesisClient` to {@link KinesisWriteApi}; any other object is taken as already being one.
 *
 * @example
 * ```ts
 * import { KinesisClient } from "@aws-sdk/client-kinesis";
 * const api = toKinesisWriteApi(new KinesisClient({}));
 * ```
 */
export function toKinesisWriteApi(client: KinesisClient | KinesisWriteApi): KinesisWriteApi {
  if (!(client instanceof KinesisClient)) return client;
  return { putRecords: (input, signal) => client.send(new PutRecordsCommand(input), withSignal(signal)) };
}

function withSignal(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}
