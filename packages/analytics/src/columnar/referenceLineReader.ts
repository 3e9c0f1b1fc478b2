import {
  type CleanIssue,
  type CleanOptions,
  type CountsTally,
  cleanGeo,
  cleanPin,
  cleanUser,
  keyLiteralIssue,
  type RejectReason,
} from "@pinpipe/clean";
import type { GeoRowsBuilder, PinRowsBuilder, UserRowsBuilder } from "./cleanRows";
import { hashCleanRecord } from "./hashCleanRecord";
import type { LocalDictionary } from "./localDictionary";
import type { RawTableName } from "./rawTableName";
import type { RecordHasher } from "./recordHasher";
import type { GeoRows, PinRows, UserRows } from "./tableRows";

const REJECTING_RULES: ReadonlySet<string> = new Set(["not_an_object", "missing_key", "invalid_key"]);

function epochMillis(date: Date | null): number {
  return date === null ? Number.NaN : date.getTime();
}

/**
 * An issue as a rejected record carries it: composite values (a whole record that is an array, a
 * key that is an object) are left out as `null`, since the record's own bytes are kept beside it.
 *
 * @example
 * const issue: RejectionIssue = { field: "ind", value: null, rule: "missing_key" };
 */
export interface RejectionIssue {
  readonly field: string;
  readonly value: string | number | boolean | null;
  readonly rule: string;
}

/** Why a line was rejected, as the reference path found it. */
export interface LineRejection {
  readonly reason: RejectReason;
  readonly issues: readonly RejectionIssue[];
}

function plainIssue(issue: CleanIssue): RejectionIssue {
  const value = issue.value;
  const plain =
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
      ? value
      : null;
  return { field: issue.field, value: plain, rule: issue.rule };
}

/** The rows, whole rows and counts a line reader writes to, one per table. */
export interface TableSinks {
  readonly pin: PinRows;
  readonly geo: GeoRows;
  readonly user: UserRows;
  readonly fullPin: PinRowsBuilder | null;
  readonly fullGeo: GeoRowsBuilder | null;
  readonly fullUser: UserRowsBuilder | null;
  readonly tallies: Readonly<Record<RawTableName, CountsTally>>;
}

/**
 * The reference path for one raw line: decode it as UTF-8 (malformed UTF-8 is `invalid_json`),
 * `JSON.parse` it, clean it with @pinpipe/clean and the run's options (a key whose text is not
 * exactly an integer, see `keyLiteralIssue`, is `invalid_key`), count it and its issues, and append
 * the clean record's analytics columns, its whole row and its hash when asked. Every line the fast
 * scanner does not handle comes here, and the property tests hold the scanner to exactly what this
 * path produces.
 *
 * @example
 * const reader = new ReferenceLineReader(dictionary, sinks, null, undefined);
 * const rejection = reader.read("geo", bytes, 0, bytes.length); // null when the line was clean
 */
export class ReferenceLineReader {
  // Fatal: bytes that are not UTF-8 are not JSON text, as for the project's other readers.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private readonly hash = new Int32Array(2);

  constructor(
    private readonly dictionary: LocalDictionary,
    private readonly sinks: TableSinks,
    private readonly hasher: RecordHasher | null,
    private readonly options: CleanOptions | undefined,
  ) {}

  /** Reads and counts the line `bytes[start, end)` of `table`; returns why it was rejected, or null. */
  read(table: RawTableName, bytes: Uint8Array, start: number, end: number): LineRejection | null {
    const tally = this.sinks.tallies[table];
    let text: string;
    let raw: unknown;
    try {
      text = this.decoder.decode(bytes.subarray(start, end));
      raw = JSON.parse(text);
    } catch (error) {
      tally.countRejected("invalid_json", "$");
      const reason = error instanceof Error ? error.message : String(error);
      return { reason: "invalid_json", issues: [{ field: "$", value: reason, rule: "invalid_json" }] };
    }
    const options = this.options;
    const result =
      table === "pin"
        ? cleanPin(raw, options)
        : table === "geo"
          ? cleanGeo(raw, options)
          : cleanUser(raw, options);
    // The cleaner saw the parsed number; a key text such as 1e-400 (parsed to 0) is no integer.
    const keyIssue = result.ok ? keyLiteralIssue(table, text) : undefined;
    if (!result.ok || keyIssue !== undefined) {
      // A record rejected for its key carries the issues found before the key, as the cleaners
      // stop there: hostile keys, then the key's own issue.
      const issues =
        keyIssue === undefined
          ? result.issues
          : [...result.issues.filter((issue) => issue.rule === "hostile_key"), keyIssue];
      tally.countResult({ ok: false, issues });
      const rejecting = issues.find((issue) => REJECTING_RULES.has(issue.rule));
      const reason = (rejecting?.rule ?? "invalid_key") as RejectReason;
      return { reason, issues: issues.map(plainIssue) };
    }
    tally.countResult(result);
    const dictionary = this.dictionary;
    const intern = (text: string | null): number => (text === null ? -1 : dictionary.intern(text));
    const value = result.value;
    const sinks = this.sinks;
    let hashes = null;
    if ("follower_count" in value) {
      sinks.pin.push(
        value.ind,
        value.follower_count ?? Number.NaN,
        intern(value.poster_name),
        intern(value.category),
      );
      sinks.fullPin?.pushRecord(value);
      hashes = sinks.pin.hashes;
    } else if ("country" in value) {
      sinks.geo.push(value.ind, intern(value.country), epochMillis(value.timestamp));
      sinks.fullGeo?.pushRecord(value);
      hashes = sinks.geo.hashes;
    } else {
      sinks.user.push(value.ind, value.age ?? Number.NaN, epochMillis(value.date_joined));
      sinks.fullUser?.pushRecord(value);
      hashes = sinks.user.hashes;
    }
    if (hashes !== null && this.hasher !== null) {
      hashCleanRecord(this.hasher, table, value, this.hash, 0);
      hashes.push(this.hash[0]!);
      hashes.push(this.hash[1]!);
    }
    return null;
  }
}
