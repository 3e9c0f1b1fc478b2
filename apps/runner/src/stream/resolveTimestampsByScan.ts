import type { GetShardIteratorCommandInput } from "@aws-sdk/client-kinesis";
import type { KinesisReadApi } from "@pinpipe/ingest";

/**
 * A {@link KinesisReadApi} that answers GetShardIterator AT_TIMESTAMP itself, for servers that do
 * not (kinesalite never answers one when no record of the shard is that recent): it takes a LATEST
 * iterator first, then reads the shard from TRIM_HORIZON for the first record that arrived at or
 * after the timestamp and starts AT_SEQUENCE_NUMBER of it; without one, the LATEST iterator taken
 * before the scan serves, so no record arriving meanwhile is skipped. Reads the whole retained shard:
 * for local servers, not for AWS, which answers AT_TIMESTAMP itself.
 *
 * @example
 * const api = resolveTimestampsByScan(toKinesisReadApi(createKinesisClient({ endpoint: "http://127.0.0.1:4567" })));
 */
export function resolveTimestampsByScan(api: KinesisReadApi): KinesisReadApi {
  return {
    listShards: (input, signal) => api.listShards(input, signal),
    getRecords: (input, signal) => api.getRecords(input, signal),
    async getShardIterator(input, signal) {
      if (input.ShardIteratorType !== "AT_TIMESTAMP" || input.Timestamp === undefined) {
        return api.getShardIterator(input, signal);
      }
      const since = new Date(input.Timestamp).getTime();
      const base: Omit<GetShardIteratorCommandInput, "ShardIteratorType"> = {
        StreamName: input.StreamName,
        ShardId: input.ShardId,
        ...(input.StreamARN === undefined ? {} : { StreamARN: input.StreamARN }),
      };
      const latest = await api.getShardIterator({ ...base, ShardIteratorType: "LATEST" }, signal);
      let iterator = (await api.getShardIterator({ ...base, ShardIteratorType: "TRIM_HORIZON" }, signal))
        .ShardIterator;
      while (iterator !== undefined && iterator !== null) {
        const page = await api.getRecords({ ShardIterator: iterator, Limit: 10_000 }, signal);
        const records = page.Records ?? [];
        const first = records.find((record) => (record.ApproximateArrivalTimestamp?.getTime() ?? 0) >= since);
        if (first?.SequenceNumber !== undefined) {
          return api.getShardIterator(
            {
              ...base,
              ShardIteratorType: "AT_SEQUENCE_NUMBER",
              StartingSequenceNumber: first.SequenceNumber,
            },
            signal,
          );
        }
        if (records.length === 0 && (page.MillisBehindLatest ?? 0) === 0) break;
        iterator = page.NextShardIterator;
      }
      return latest;
    },
  };
}
