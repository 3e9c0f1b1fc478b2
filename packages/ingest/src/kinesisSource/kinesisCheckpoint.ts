/**
 * Progress in one shard: the last record handed to the consumer and whether the shard is done.
 * `subSequenceNumber` is present only while inside a KPL aggregate whose user records were not all
 * handed out yet; resuming then re-reads that aggregate and skips what was already delivered.
 *
 * @example
 * ```ts
 * const progress: KinesisShardCheckpoint = { sequenceNumber: "49590338271490256608559692538361571095921575989136588898" };
 * ```
 */
export interface KinesisShardCheckpoint {
  readonly sequenceNumber?: string;
  readonly subSequenceNumber?: number;
  /** The shard was closed (resharding) and read to its end; its children may be read. */
  readonly finished?: true;
}

/**
 * Where a reader of one stream stands, per shard; plain JSON (sequence numbers are strings), so it can be
 * saved with `JSON.stringify` and read back with {@link parseKinesisCheckpoint}.
 *
 * @example
 * ```ts
 * const checkpoint: KinesisCheckpoint = {
 *   stream: "pins",
 *   shards: { "shardId-000000000000": { finished: true }, "shardId-000000000001": { sequenceNumber: "4959" } },
 * };
 * ```
 */
export interface KinesisCheckpoint {
  readonly stream: string;
  readonly shards: Readonly<Record<string, KinesisShardCheckpoint>>;
}

const SEQUENCE_NUMBER = /^(0|[1-9][0-9]{0,127})$/;
const SHARD_ID = /^[a-zA-Z0-9_.-]{1,128}$/;

/**
 * Reads a checkpoint saved as JSON (text or already parsed), checking every field, since it comes from a
 * file or a store that may be stale or hand-edited.
 *
 * @throws {RangeError} saying which field is wrong.
 * @example
 * ```ts
 * parseKinesisCheckpoint('{"stream":"pins","shards":{"shardId-000000000000":{"sequenceNumber":"42"}}}');
 * parseKinesisCheckpoint('{"stream":"pins","shards":{"s":{"sequenceNumber":42}}}'); // throws: not a string
 * ```
 */
export function parseKinesisCheckpoint(input: string | unknown): KinesisCheckpoint {
  let value: unknown = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new RangeError(
        `checkpoint is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (!isObject(value)) throw new RangeError("checkpoint must be a JSON object");
  if (typeof value.stream !== "string" || value.stream === "") {
    throw new RangeError("checkpoint.stream must be a non-empty string");
  }
  if (!isObject(value.shards)) throw new RangeError("checkpoint.shards must be an object");
  const shards: Record<string, KinesisShardCheckpoint> = {};
  for (const [shardId, progress] of Object.entries(value.shards)) {
    const where = `checkpoint.shards[${JSON.stringify(shardId)}]`;
    if (!SHARD_ID.test(shardId)) throw new RangeError(`${where}: not a shard id`);
    if (!isObject(progress)) throw new RangeError(`${where} must be an object`);
    const { sequenceNumber, subSequenceNumber, finished } = progress;
    if (
      sequenceNumber !== undefined &&
      (typeof sequenceNumber !== "string" || !SEQUENCE_NUMBER.test(sequenceNumber))
    ) {
      throw new RangeError(`${where}.sequenceNumber must be a decimal string`);
    }
    if (
      subSequenceNumber !== undefined &&
      (typeof subSequenceNumber !== "number" ||
        !Number.isSafeInteger(subSequenceNumber) ||
        subSequenceNumber < 0)
    ) {
      throw new RangeError(`${where}.subSequenceNumber must be a non-negative integer`);
    }
    if (subSequenceNumber !== undefined && sequenceNumber === undefined) {
      throw new RangeError(`${where}.subSequenceNumber needs a sequenceNumber`);
    }
    if (finished !== undefined && finished !== true)
      throw new RangeError(`${where}.finished must be true or absent`);
    shards[shardId] = {
      ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
      ...(subSequenceNumber === undefined ? {} : { subSequenceNumber }),
      ...(finished === undefined ? {} : { finished }),
    };
  }
  return { stream: value.stream, shards };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
