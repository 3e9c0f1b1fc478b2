import { formatPosition, parsePosition, type StreamPosition } from "./streamPosition";

/**
 * A micro-batch object's place in the stream output: its shard and the positions of its first and
 * last records.
 *
 * @example
 * const name: BatchObjectName = { shardId: "shardId-000000000001", first: { sequenceNumber: "10" }, last: { sequenceNumber: "42" } };
 */
export interface BatchObjectName {
  readonly shardId: string;
  readonly first: StreamPosition;
  readonly last: StreamPosition;
}

/**
 * The path of a micro-batch object under `folder` (e.g. `stream/tables/pin`):
 * `<folder>/shard=<shardId>/<firstSeq>_<lastSeq>.<extension>`. A replay of the same records makes
 * the same path, so rewriting it is idempotent.
 *
 * @example
 * batchObjectPath("stream/tables/pin", { shardId: "shardId-000000000000", first: { sequenceNumber: "1" }, last: { sequenceNumber: "9" } }, "parquet");
 * // "stream/tables/pin/shard=shardId-000000000000/1_9.parquet"
 */
export function batchObjectPath(folder: string, name: BatchObjectName, extension: string): string {
  return `${folder}/shard=${name.shardId}/${formatPosition(name.first)}_${formatPosition(name.last)}.${extension}`;
}

const OBJECT_PATH = /(?:^|\/)shard=([a-zA-Z0-9_.-]{1,128})\/([0-9.]+)_([0-9.]+)\.[a-z]+$/;

/**
 * Reads the shard and positions back from a micro-batch object path; `undefined` when the path is
 * not one (a temporary file of an interrupted write, say).
 *
 * @example
 * parseBatchObjectPath("stream/tables/pin/shard=shardId-000000000000/1_9.parquet");
 * // { shardId: "shardId-000000000000", first: { sequenceNumber: "1" }, last: { sequenceNumber: "9" } }
 */
export function parseBatchObjectPath(path: string): BatchObjectName | undefined {
  const match = OBJECT_PATH.exec(path);
  if (match === null) return undefined;
  const [, shardId, firstText, lastText] = match as unknown as [string, string, string, string];
  const first = parsePosition(firstText);
  const last = parsePosition(lastText);
  if (first === undefined || last === undefined) return undefined;
  return { shardId, first, last };
}
