/**
 * Turns one record into the text of one NDJSON line: `JSON.stringify` of the record, or the record
 * itself when `serialized` (it must then be a string holding no line break). Throws a `TypeError`
 * naming the record's index when it cannot be one line.
 *
 * @example
 * serializeRecordLine({ ind: 1 }, 0, false); // '{"ind":1}'
 * serializeRecordLine('{"ind":1}', 0, true); // '{"ind":1}'
 */
export function serializeRecordLine(record: unknown, index: number, serialized: boolean): string {
  if (serialized) {
    if (typeof record !== "string" || record.includes("\n")) {
      throw new TypeError(`record ${index}: a serialized record must be a string without line breaks`);
    }
    return record;
  }
  const line = JSON.stringify(record) as string | undefined;
  if (line === undefined) throw new TypeError(`record ${index} is not JSON-serializable (${typeof record})`);
  return line;
}
