/**
 * One user record found in a Kinesis record's data: a JSON object, or why it is not one.
 * `subSequenceNumber` and `partitionKey` are set for user records unpacked from a KPL aggregate.
 *
 * @example
 * ```ts
 * const entry: KinesisPayloadEntry = { result: { ok: true, value: { ind: 1 } } };
 * ```
 */
export interface KinesisPayloadEntry {
  readonly subSequenceNumber?: number;
  readonly partitionKey?: string;
  readonly result:
    | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
    | { readonly ok: false; readonly reason: string };
}

const KPL_MAGIC = [0xf3, 0x89, 0x9a, 0xc2] as const;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes a Kinesis record's data into user records: a UTF-8 JSON object in the plain case. KPL
 * aggregates (magic bytes F3 89 9A C2) are reported as one error entry until the KPL codec is wired in.
 *
 * @example
 * ```ts
 * decodeKinesisPayload(new TextEncoder().encode('{"ind":1}')); // [{ result: { ok: true, value: { ind: 1 } } }]
 * ```
 */
export function decodeKinesisPayload(data: Uint8Array): KinesisPayloadEntry[] {
  if (KPL_MAGIC.every((byte, index) => data[index] === byte)) {
    return [{ result: { ok: false, reason: "KPL aggregated record: deaggregation is not available" } }];
  }
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return [{ result: { ok: false, reason: "data is not valid UTF-8" } }];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [
      {
        result: {
          ok: false,
          reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        },
      },
    ];
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ result: { ok: false, reason: "$: record is not a JSON object" } }];
  }
  return [{ result: { ok: true, value: value as Record<string, unknown> } }];
}
