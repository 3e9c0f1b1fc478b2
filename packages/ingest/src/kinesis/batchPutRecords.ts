import { IngestInputError } from "../kafkaConnect/ingestInputError";
import type { KinesisPutRecordsEntry } from "./aggregate";
import { KINESIS_LIMITS, type KinesisLimits } from "./kinesisLimits";

const encoder = new TextEncoder();

/**
 * Splits PutRecords entries, in order, into consecutive requests that respect the Kinesis limits
 * (default: at most 500 entries and 5 MiB of data plus partition keys per request, 1 MiB per entry).
 *
 * @throws {IngestInputError} when `entries` is not an array, an entry lacks bytes `Data` or a string
 * `PartitionKey`, or one entry alone is over the record limit.
 * @example
 * const entry = { Data: new Uint8Array(10), PartitionKey: "p" };
 * batchPutRecords(Array.from({ length: 1200 }, () => entry)).map((request) => request.length);
 * // [500, 500, 200]
 */
export function batchPutRecords<T extends KinesisPutRecordsEntry>(
  entries: readonly T[],
  limits: Partial<KinesisLimits> = {},
): T[][] {
  const fail = (reason: string): never => {
    throw new IngestInputError("batchPutRecords", reason);
  };
  if (!Array.isArray(entries)) fail("entries is not an array");
  const { maxRecordBytes, maxRequestEntries, maxRequestBytes } = { ...KINESIS_LIMITS, ...limits };
  for (const [name, value] of Object.entries({ maxRecordBytes, maxRequestEntries, maxRequestBytes })) {
    if (!Number.isSafeInteger(value) || value <= 0) fail(`${name} is not a positive integer`);
  }

  // A lone entry must also fit a request of its own.
  const maxRecordLimit = Math.min(maxRecordBytes, maxRequestBytes);
  const requests: T[][] = [];
  let request: T[] = [];
  let requestBytes = 0;
  entries.forEach((entry, index) => {
    if (typeof entry !== "object" || entry === null) fail(`entries[${index}] is not an object`);
    if (!(entry.Data instanceof Uint8Array)) fail(`entries[${index}].Data is not bytes`);
    if (typeof entry.PartitionKey !== "string") fail(`entries[${index}].PartitionKey is not a string`);
    const size = entry.Data.length + encoder.encode(entry.PartitionKey).length;
    if (size > maxRecordLimit)
      fail(`entries[${index}] is ${size} bytes, over the ${maxRecordLimit}-byte record limit`);
    if (request.length === maxRequestEntries || requestBytes + size > maxRequestBytes) {
      requests.push(request);
      request = [];
      requestBytes = 0;
    }
    request.push(entry);
    requestBytes += size;
  });
  if (request.length > 0) requests.push(request);
  return requests;
}
