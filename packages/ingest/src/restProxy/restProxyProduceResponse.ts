import { decodeJsonObjectBody } from "../kafkaConnect/decodeJsonObjectBody";
import { type DecodeResult, decoded, rejected } from "../kafkaConnect/decodeResult";
import { IngestInputError } from "../kafkaConnect/ingestInputError";

/** Where one produced record landed. */
export interface RestProxyOffsetSuccess {
  readonly partition: number;
  readonly offset: number;
  readonly error_code: null;
  readonly error: null;
}

/**
 * Why one record was not produced. The proxy's codes: `1` a non-retriable Kafka error, `2` a retriable
 * one (the record may succeed if sent again).
 */
export interface RestProxyOffsetFailure {
  readonly partition: number | null;
  readonly offset: null;
  readonly error_code: number;
  readonly error: string;
}

/** One entry of a produce response's `offsets`, in the order of the request's records. */
export type RestProxyOffset = RestProxyOffsetSuccess | RestProxyOffsetFailure;

const MAX_PARTITION = 2 ** 31 - 1;
const isPartition = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_PARTITION;
// Offsets are int64 on the wire but plain JSON numbers: past 2^53 they could not be read back exactly.
const isOffset = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** Why `entry` is not a {@link RestProxyOffset}, or `null`. A missing field means `null`. */
const offsetProblem = (entry: unknown, path: string): string | null => {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return `${path} is not an object`;
  const {
    partition = null,
    offset = null,
    error_code = null,
    error = null,
  } = entry as Record<string, unknown>;
  if (error_code === null) {
    if (error !== null) return `${path} has an error message but no error_code`;
    if (!isPartition(partition)) return `${path}.partition is not an int32 >= 0`;
    if (!isOffset(offset)) return `${path}.offset is not a safe integer >= 0`;
    return null;
  }
  if (typeof error_code !== "number" || !Number.isInteger(error_code))
    return `${path}.error_code is not an integer`;
  if (typeof error !== "string") return `${path}.error is not a string`;
  if (offset !== null) return `${path}.offset must be null for a failed record`;
  if (partition !== null && !isPartition(partition))
    return `${path}.partition is neither null nor an int32 >= 0`;
  return null;
};

/**
 * Encodes a REST Proxy v2 produce response: `offsets` in the order of the request's records, and the
 * schema ids `null` as for embedded JSON.
 *
 * @throws {IngestInputError} when an entry is neither a success (partition, offset, nulls) nor a failure
 * (integer `error_code`, string `error`, `offset: null`).
 * @example
 * encodeRestProxyProduceResponse([
 *   { partition: 0, offset: 41, error_code: null, error: null },
 *   { partition: null, offset: null, error_code: 2, error: "leader not available" },
 * ]);
 * // '{"offsets":[{"partition":0,"offset":41,"error_code":null,"error":null},{"partition":null,
 * //   "offset":null,"error_code":2,"error":"leader not available"}],"key_schema_id":null,"value_schema_id":null}'
 */
export function encodeRestProxyProduceResponse(offsets: readonly RestProxyOffset[]): string {
  if (!Array.isArray(offsets))
    throw new IngestInputError("encodeRestProxyProduceResponse", "offsets is not an array");
  const wire = offsets.map((entry, index) => {
    const problem = offsetProblem(entry, `offsets[${index}]`);
    if (problem !== null) throw new IngestInputError("encodeRestProxyProduceResponse", problem);
    const { partition, offset, error_code, error } = entry;
    return { partition, offset, error_code, error };
  });
  return JSON.stringify({ offsets: wire, key_schema_id: null, value_schema_id: null });
}

/**
 * Decodes a REST Proxy v2 produce response body into its `offsets`, one per request record, in request
 * order. Entries without `error_code`/`error` count as `null` (success).
 *
 * @example
 * decodeRestProxyProduceResponse('{"offsets":[{"partition":0,"offset":41}],"key_schema_id":null}');
 * // { ok: true, value: [{ partition: 0, offset: 41, error_code: null, error: null }] }
 */
export function decodeRestProxyProduceResponse(body: string): DecodeResult<RestProxyOffset[]> {
  const document = decodeJsonObjectBody(body);
  if (!document.ok) return document;
  const wire = document.value.offsets;
  if (!Array.isArray(wire)) return rejected("body has no 'offsets' array");
  const offsets: RestProxyOffset[] = [];
  for (const [index, entry] of wire.entries()) {
    const problem = offsetProblem(entry, `offsets[${index}]`);
    if (problem !== null) return rejected(problem);
    const {
      partition = null,
      offset = null,
      error_code = null,
      error = null,
    } = entry as Record<string, unknown>;
    offsets.push({ partition, offset, error_code, error } as RestProxyOffset);
  }
  return decoded(offsets);
}
