import {
  CountsTally,
  cleanGeo,
  cleanPin,
  cleanUser,
  keyLiteralIssue,
  type TableCounts,
} from "@pinpipe/clean";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import type { CleanRowBatch } from "../../src/columnar";
import type { AnalyticsTables, RawTableName } from "../../src/index";

/** The clean records of each table, as the object path produces them. */
export interface CleanRecords {
  pin: CleanPin[];
  geo: CleanGeo[];
  user: CleanUser[];
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

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
  accounting: Record<RawTableName, TableCounts>;
} {
  const clean: CleanRecords = { pin: [], geo: [], user: [] };
  const tallies = { pin: new CountsTally(), geo: new CountsTally(), user: new CountsTally() };
  for (const { table, bytes } of streams) {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    let start = 0;
    while (start <= body.length) {
      let end = body.indexOf(0x0a, start);
      if (end < 0) end = body.length;
      const line = body.subarray(start, end);
      start = end + 1;
      if (isBlank(line)) continue;
      const tally = tallies[table];
      let text: string;
      let raw: unknown;
      try {
        text = decoder.decode(line);
        raw = JSON.parse(text);
      } catch {
        tally.countRejected("invalid_json", "$");
        continue;
      }
      const result = table === "pin" ? cleanPin(raw) : table === "geo" ? cleanGeo(raw) : cleanUser(raw);
      const keyIssue = result.ok ? keyLiteralIssue(table, text) : undefined;
      if (!result.ok || keyIssue !== undefined) {
        tally.countResult({
          ok: false,
          // The cleaners stop at a bad key: hostile keys found before it, then the key's issue.
          issues:
            keyIssue === undefined
              ? result.issues
              : [...result.issues.filter((issue) => issue.rule === "hostile_key"), keyIssue],
        });
        continue;
      }
      tally.countResult(result);
      (clean[table] as unknown[]).push(result.value);
    }
  }
  const accounting = { pin: tallies.pin.counts(), geo: tallies.geo.counts(), user: tallies.user.counts() };
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

const utf8 = new TextDecoder();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whole rows back as plain values (strings decoded, pairs as arrays, NaN kept), for comparing with clean records. */
export function rowsOf(batch: CleanRowBatch): unknown[][] {
  return Array.from({ length: batch.length }, (_, row) =>
    batch.columns.map((column) => {
      if (column.kind === "numbers") return column.values[row];
      if (column.kind === "pairs") {
        return Number.isNaN(column.first[row]!) ? null : [column.first[row], column.second[row]];
      }
      if (column.valid[row] === 0) return null;
      return utf8.decode(column.bytes.subarray(column.offsets[row], column.offsets[row + 1]));
    }),
  );
}

/** Clean records as {@link rowsOf} gives rows: dates as epoch milliseconds, null numbers as NaN. */
export function recordRows(
  records: readonly (CleanPin | CleanGeo | CleanUser)[],
  columns: readonly string[],
): unknown[][] {
  return records.map((record) =>
    columns.map((column) => {
      const value = (record as unknown as Record<string, unknown>)[column];
      if (value instanceof Date) return value.getTime();
      // UTF-8 has no lone surrogates: whole rows hold U+FFFD for them, as any UTF-8 writer does.
      if (typeof value === "string") return value.replace(LONE_SURROGATE, "\ufffd");
      if (
        value === null &&
        (column === "follower_count" ||
          column === "age" ||
          column === "timestamp" ||
          column === "date_joined")
      )
        return Number.NaN;
      return value;
    }),
  );
}
