import { type CleanIssue, cleanGeo, cleanPin, cleanUser, keyLiteralIssue } from "@pinpipe/clean";
import { hashCleanRecord } from "./hashCleanRecord";
import type { LocalDictionary } from "./localDictionary";
import type { RawTableName } from "./rawTableName";
import type { RejectReason, TableAccount } from "./recordAccounting";
import type { RecordHasher } from "./recordHasher";
import type { GeoRows, PinRows, UserRows } from "./tableRows";

const REJECTING_RULES: ReadonlySet<string> = new Set(["not_an_object", "missing_key", "invalid_key"]);

function rejectReason(issues: readonly CleanIssue[]): RejectReason {
  const issue = issues.find((candidate) => REJECTING_RULES.has(candidate.rule));
  return (issue?.rule ?? "invalid_key") as RejectReason;
}

function epochMillis(date: Date | null): number {
  return date === null ? Number.NaN : date.getTime();
}

/** The rows and accounts a line reader writes to, one per table. */
export interface TableSinks {
  readonly pin: PinRows;
  readonly geo: GeoRows;
  readonly user: UserRows;
  readonly accounts: Readonly<Record<RawTableName, TableAccount>>;
}

/**
 * The reference path for one raw line: decode it as UTF-8 (malformed UTF-8 is `invalid_json`),
 * `JSON.parse` it, clean it with @pinpipe/clean (a key whose text is not exactly an integer, see
 * `keyLiteralIssue`, is `invalid_key`), and append the clean record's analytics columns (and its whole-record hash when
 * deduplicating) or count the rejection. Every line the fast scanner does not handle comes here,
 * and the property tests hold the scanner to exactly what this path produces.
 *
 * @example
 * const reader = new ReferenceLineReader(dictionary, sinks, null);
 * reader.read("geo", bytes, 0, bytes.length);
 */
export class ReferenceLineReader {
  // Fatal: bytes that are not UTF-8 are not JSON text, as for the project's other readers.
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private readonly hash = new Int32Array(2);

  constructor(
    private readonly dictionary: LocalDictionary,
    private readonly sinks: TableSinks,
    private readonly hasher: RecordHasher | null,
  ) {}

  /** Reads the line `bytes[start, end)` of `table`; the caller has already counted it as a record. */
  read(table: RawTableName, bytes: Uint8Array, start: number, end: number): void {
    const account = this.sinks.accounts[table];
    let text: string;
    let raw: unknown;
    try {
      text = this.decoder.decode(bytes.subarray(start, end));
      raw = JSON.parse(text);
    } catch {
      account.rejected.invalid_json++;
      return;
    }
    const result = table === "pin" ? cleanPin(raw) : table === "geo" ? cleanGeo(raw) : cleanUser(raw);
    if (!result.ok) {
      account.rejected[rejectReason(result.issues)]++;
      return;
    }
    // The cleaner saw the parsed number; a key text such as 1e-400 (parsed to 0) is no integer.
    if (keyLiteralIssue(table, text) !== undefined) {
      account.rejected.invalid_key++;
      return;
    }
    account.clean++;
    const dictionary = this.dictionary;
    const intern = (text: string | null): number => (text === null ? -1 : dictionary.intern(text));
    const value = result.value;
    let hashes = null;
    if ("follower_count" in value) {
      this.sinks.pin.push(
        value.ind,
        value.follower_count ?? Number.NaN,
        intern(value.poster_name),
        intern(value.category),
      );
      hashes = this.sinks.pin.hashes;
    } else if ("country" in value) {
      this.sinks.geo.push(value.ind, intern(value.country), epochMillis(value.timestamp));
      hashes = this.sinks.geo.hashes;
    } else {
      this.sinks.user.push(value.ind, value.age ?? Number.NaN, epochMillis(value.date_joined));
      hashes = this.sinks.user.hashes;
    }
    if (hashes !== null && this.hasher !== null) {
      hashCleanRecord(this.hasher, table, value, this.hash, 0);
      hashes.push(this.hash[0]!);
      hashes.push(this.hash[1]!);
    }
  }
}
