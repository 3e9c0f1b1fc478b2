import { cleanGeo, cleanPin, cleanUser, keyLiteralIssue } from "@pinpipe/clean";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import type { AnalyticsTables, RawTableName, RecordAccounting, RejectReason } from "../../src/index";
import { emptyAccounting } from "../../src/index";

/** The clean records of each table, as the object path produces them. */
export interface CleanRecords {
  pin: CleanPin[];
  geo: CleanGeo[];
  user: CleanUser[];
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const REJECTING = new Set(["not_an_object", "missing_key", "invalid_key"]);

function isBlank(line: Uint8Array): boolean {
  return line.every((c) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a);
}

/**
 * The specification of the columnar path, written the plain way: strip a leading BOM, split on
 * `\n`, skip blank lines, decode (malformed UTF-8 is not JSON), `JSON.parse`, clean with
 * @pinpipe/clean, reject keys whose text is not exactly an integer (`keyLiteralIssue`), keep clean
 * objects.
 */
export function cleanStreams(streams: readonly { table: RawTableName; bytes: Uint8Array }[]): {
  clean: CleanRecords;
  accounting: RecordAccounting;
} {
  const clean: CleanRecords = { pin: [], geo: [], user: [] };
  const accounting = emptyAccounting();
  for (const { table, bytes } of streams) {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    let start = 0;
    while (start <= body.length) {
      let end = body.indexOf(0x0a, start);
      if (end < 0) end = body.length;
      const line = body.subarray(start, end);
      start = end + 1;
      if (isBlank(line)) continue;
      const account = accounting[table];
      account.records++;
      let text: string;
      let raw: unknown;
      try {
        text = decoder.decode(line);
        raw = JSON.parse(text);
      } catch {
        account.rejected.invalid_json++;
        continue;
      }
      const result = table === "pin" ? cleanPin(raw) : table === "geo" ? cleanGeo(raw) : cleanUser(raw);
      if (!result.ok) {
        const rule = result.issues.find((issue) => REJECTING.has(issue.rule))?.rule as RejectReason;
        account.rejected[rule]++;
        continue;
      }
      if (keyLiteralIssue(table, text) !== undefined) {
        account.rejected.invalid_key++;
        continue;
      }
      account.clean++;
      (clean[table] as unknown[]).push(result.value);
    }
  }
  return { clean, accounting };
}

/** Table rows with dictionary ids replaced by their strings, for comparing tables built apart. */
export function materialize(tables: AnalyticsTables): Record<RawTableName, unknown[][]> {
  const text = (id: number) => (id === -1 ? null : tables.strings[id]);
  const { pin, geo, user } = tables;
  return {
    pin: Array.from({ length: pin.length }, (_, r) => [
      pin.ind[r],
      pin.followerCount[r],
      text(pin.posterName[r]!),
      text(pin.category[r]!),
    ]),
    geo: Array.from({ length: geo.length }, (_, r) => [geo.ind[r], text(geo.country[r]!), geo.timestamp[r]]),
    user: Array.from({ length: user.length }, (_, r) => [user.ind[r], user.age[r], user.dateJoined[r]]),
  };
}
