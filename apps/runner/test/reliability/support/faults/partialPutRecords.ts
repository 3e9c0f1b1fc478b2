/**
 * A PutRecords call cut in two: the entries the proxy refuses, and the request that forwards the rest.
 *
 * @example
 * const split: PartialPutRecords = { total: 3, refused: new Set([1]), forwardBody: '{"StreamName":"s","Records":[…2 entries…]}' };
 */
export interface PartialPutRecords {
  readonly total: number;
  /** Indices (in the original request) answered as throttled without reaching the server. */
  readonly refused: ReadonlySet<number>;
  /** The request with only the other entries; undefined when every entry is refused. */
  readonly forwardBody: string | undefined;
}

const THROTTLED_ENTRY = {
  ErrorCode: "ProvisionedThroughputExceededException",
  ErrorMessage: "Rate exceeded for shard shardId-000000000000 in stream pinpipe under account 000000000000.",
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Picks which entries of a PutRecords request body to refuse: each with probability `share` (from
 * `random`), and at least one. Returns undefined for a body that is not a PutRecords request with entries.
 *
 * @example
 * const split = splitPutRecords('{"StreamName":"s","Records":[{"Data":"e30=","PartitionKey":"a"}]}', 0.3, Math.random);
 * split?.refused; // Set { 0 } — a one-entry call is refused entirely
 */
export function splitPutRecords(
  body: string,
  share: number,
  random: () => number,
): PartialPutRecords | undefined {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(request) || !Array.isArray(request.Records) || request.Records.length === 0) return undefined;
  const entries: unknown[] = request.Records;
  const refused = new Set<number>();
  entries.forEach((_, index) => {
    if (random() < share) refused.add(index);
  });
  if (refused.size === 0) refused.add(Math.floor(random() * entries.length));
  const kept = entries.filter((_, index) => !refused.has(index));
  return {
    total: entries.length,
    refused,
    forwardBody: kept.length === 0 ? undefined : JSON.stringify({ ...request, Records: kept }),
  };
}

/**
 * The PutRecords answer the client gets for a split call: the server's answers for the forwarded
 * entries, in their places, and a throttling error for each refused one; `FailedRecordCount` adds both.
 *
 * @throws {Error} when the server's answer is not a PutRecords answer for the forwarded entries.
 * @example
 * mergePutRecordsAnswer({ total: 1, refused: new Set([0]), forwardBody: undefined }, undefined);
 * // '{"FailedRecordCount":1,"Records":[{"ErrorCode":"ProvisionedThroughputExceededException",…}]}'
 */
export function mergePutRecordsAnswer(split: PartialPutRecords, serverAnswer: string | undefined): string {
  let answers: unknown[] = [];
  let failed = 0;
  let extra: Record<string, unknown> = {};
  if (split.forwardBody !== undefined) {
    const parsed: unknown = serverAnswer === undefined ? undefined : JSON.parse(serverAnswer);
    if (!isObject(parsed) || !Array.isArray(parsed.Records)) {
      throw new Error("fault proxy: the server's PutRecords answer has no Records array");
    }
    answers = parsed.Records;
    failed = typeof parsed.FailedRecordCount === "number" ? parsed.FailedRecordCount : 0;
    const { Records: _records, FailedRecordCount: _failed, ...rest } = parsed;
    extra = rest;
  }
  if (answers.length !== split.total - split.refused.size) {
    throw new Error(
      `fault proxy: the server answered ${answers.length} PutRecords entries for ${split.total - split.refused.size} forwarded`,
    );
  }
  const records: unknown[] = [];
  let next = 0;
  for (let index = 0; index < split.total; index++) {
    records.push(split.refused.has(index) ? THROTTLED_ENTRY : answers[next++]);
  }
  return JSON.stringify({ ...extra, FailedRecordCount: failed + split.refused.size, Records: records });
}
