import type { GetShardIteratorCommandInput } from "@aws-sdk/client-kinesis";

/**
 * Where to start reading a shard: the oldest record kept (TRIM_HORIZON), only records that arrive from
 * now on (LATEST), records that arrived at or after a time (AT_TIMESTAMP), or at/after one sequence number
 * of that shard. Sequence numbers are decimal strings of up to 128 bits: never JS numbers.
 *
 * @example
 * ```ts
 * const from: ShardStartPosition = { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: "4962..." };
 * ```
 */
export type ShardStartPosition =
  | { readonly type: "TRIM_HORIZON" }
  | { readonly type: "LATEST" }
  | { readonly type: "AT_TIMESTAMP"; readonly timestamp: Date }
  | { readonly type: "AT_SEQUENCE_NUMBER"; readonly sequenceNumber: string }
  | { readonly type: "AFTER_SEQUENCE_NUMBER"; readonly sequenceNumber: string };

const SEQUENCE_NUMBER = /^(0|[1-9][0-9]{0,127})$/;

/**
 * The GetShardIterator request for one shard and start position; rejects malformed sequence numbers and
 * invalid dates before they reach the service.
 *
 * @example
 * ```ts
 * shardIteratorRequest("pins", "shardId-000000000001", { type: "TRIM_HORIZON" });
 * // { StreamName: "pins", ShardId: "shardId-000000000001", ShardIteratorType: "TRIM_HORIZON" }
 * ```
 */
export function shardIteratorRequest(
  stream: string,
  shardId: string,
  position: ShardStartPosition,
): GetShardIteratorCommandInput {
  const base = { StreamName: stream, ShardId: shardId };
  switch (position.type) {
    case "TRIM_HORIZON":
    case "LATEST":
      return { ...base, ShardIteratorType: position.type };
    case "AT_TIMESTAMP":
      if (!(position.timestamp instanceof Date) || Number.isNaN(position.timestamp.getTime())) {
        throw new RangeError("AT_TIMESTAMP needs a valid Date");
      }
      return { ...base, ShardIteratorType: position.type, Timestamp: position.timestamp };
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER":
      if (typeof position.sequenceNumber !== "string" || !SEQUENCE_NUMBER.test(position.sequenceNumber)) {
        throw new RangeError(
          `${position.type} needs a decimal sequence number string, got ${String(position.sequenceNumber)}`,
        );
      }
      return { ...base, ShardIteratorType: position.type, StartingSequenceNumber: position.sequenceNumber };
    default:
      throw new RangeError(`unknown shard start position ${JSON.stringify(position)}`);
  }
}
