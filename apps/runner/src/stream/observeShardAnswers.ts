import type { KinesisReadApi } from "@pinpipe/ingest";

/** One GetRecords answer, with the fields a {@link KinesisReadApi} gives. */
export type GetRecordsAnswer = Awaited<ReturnType<KinesisReadApi["getRecords"]>>;

/**
 * Called with each GetRecords answer to an iterator of a known shard; `closed` is true when the
 * answer has no next iterator (the shard is read to its end).
 */
export type ShardAnswerObserver = (shardId: string, output: GetRecordsAnswer, closed: boolean) => void;

/**
 * Wraps a Kinesis read API so that `observe` sees every GetRecords answer with the shard it came
 * from. GetRecords names only an iterator, so the shard is followed from GetShardIterator through
 * each answer's NextShardIterator; answers to iterators it did not hand out are not observed.
 *
 * @example
 * const api = observeShardAnswers(toKinesisReadApi(client), (shardId, output, closed) => {
 *   if (!closed) console.log(shardId, output.MillisBehindLatest);
 * });
 * readKinesisRecords({ client: api, stream: "pins" });
 */
export function observeShardAnswers(api: KinesisReadApi, observe: ShardAnswerObserver): KinesisReadApi {
  const shardOfIterator = new Map<string, string>();
  return {
    listShards: (input, signal) => api.listShards(input, signal),
    async getShardIterator(input, signal) {
      const output = await api.getShardIterator(input, signal);
      if (output.ShardIterator !== undefined && input.ShardId !== undefined) {
        shardOfIterator.set(output.ShardIterator, input.ShardId);
      }
      return output;
    },
    async getRecords(input, signal) {
      const output = await api.getRecords(input, signal);
      const iterator = input.ShardIterator ?? "";
      const shardId = shardOfIterator.get(iterator);
      // An iterator is used once: forgetting it keeps the map to one entry per shard being read.
      shardOfIterator.delete(iterator);
      if (shardId === undefined) return output;
      const next = output.NextShardIterator;
      const closed = next === undefined || next === null;
      if (!closed) shardOfIterator.set(next, shardId);
      observe(shardId, output, closed);
      return output;
    },
  };
}
