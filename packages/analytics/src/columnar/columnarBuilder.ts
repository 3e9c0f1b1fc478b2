import type { ColumnarPartial } from "./columnarPartial";
import { findNewline } from "./findNewline";
import { GeoLineReader } from "./geoLineReader";
import { LocalDictionary } from "./localDictionary";
import { PinLineReader } from "./pinLineReader";
import type { RawTableName } from "./rawTableName";
import { addAccounting, emptyAccounting, type RecordAccounting } from "./recordAccounting";
import { RecordHasher } from "./recordHasher";
import { ReferenceLineReader } from "./referenceLineReader";
import { GeoRows, PinRows, UserRows } from "./tableRows";
import { UserLineReader } from "./userLineReader";

/** Options of a {@link ColumnarBuilder}. */
export interface ColumnarBuilderOptions {
  /** Hash every clean record so a merger can drop exact duplicates. */
  readonly dedupe: boolean;
  /** Read every line through `JSON.parse` and the cleaners (the reference path), never the byte scanner. */
  readonly referenceOnly?: boolean;
}

function isBlankByte(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/**
 * Turns raw NDJSON lines of the three tables into columnar rows (the analytics columns, with
 * dictionary-encoded strings), cleaning them exactly as @pinpipe/clean does. Lines of the common
 * flat shape are read by a byte scanner without creating objects; every other line goes through
 * `JSON.parse` and the cleaners. Lines that are empty or only white space are not records; every
 * other line is counted and ends as a clean row or a rejection by reason. Rows accumulate until
 * {@link ColumnarBuilder.takePartial}, which hands them out as a transferable {@link ColumnarPartial}.
 *
 * @example
 * const builder = new ColumnarBuilder({ dedupe: false });
 * builder.addLines("geo", new TextEncoder().encode('{"ind": 1, "country": "Chad", "timestamp": null}\n'), 0, 48);
 * const partial = builder.takePartial(); // partial.geo.length === 1, partial.strings = ["Chad"]
 */
export class ColumnarBuilder {
  private readonly dictionary = new LocalDictionary();
  private readonly pinRows: PinRows;
  private readonly geoRows: GeoRows;
  private readonly userRows: UserRows;
  private readonly accounting: RecordAccounting = emptyAccounting();
  private readonly reference: ReferenceLineReader;
  private readonly pin: PinLineReader | null;
  private readonly geo: GeoLineReader | null;
  private readonly user: UserLineReader | null;
  private wordsOf: Uint8Array | null = null;
  private words: Uint32Array | null = null;

  constructor(options: ColumnarBuilderOptions) {
    this.pinRows = new PinRows(options.dedupe);
    this.geoRows = new GeoRows(options.dedupe);
    this.userRows = new UserRows(options.dedupe);
    const hasher = new RecordHasher();
    const sinks = { pin: this.pinRows, geo: this.geoRows, user: this.userRows, accounts: this.accounting };
    this.reference = new ReferenceLineReader(this.dictionary, sinks, options.dedupe ? hasher : null);
    const fast = options.referenceOnly !== true;
    this.pin = fast ? new PinLineReader(this.dictionary, this.pinRows, hasher) : null;
    this.geo = fast ? new GeoLineReader(this.dictionary, this.geoRows, hasher) : null;
    this.user = fast ? new UserLineReader(this.dictionary, this.userRows, hasher) : null;
  }

  /** Reads one line `bytes[start, end)` (without its newline) of `table`. */
  addLine(table: RawTableName, bytes: Uint8Array, start: number, end: number): void {
    const reader = this.readerOf(table);
    if (reader !== null && reader.read(bytes, this.wordsFor(bytes), start, end) === end) {
      this.countFast(table);
      return;
    }
    this.addSlowly(table, bytes, start, end);
  }

  /** Reads every `\n`-separated line of `bytes[start, end)`; the last line needs no newline. */
  addLines(table: RawTableName, bytes: Uint8Array, start: number, end: number): void {
    const words = this.wordsFor(bytes);
    const reader = this.readerOf(table);
    let lineStart = start;
    while (lineStart < end) {
      // The fast path finds the line's end as it scans; only other lines need a newline search.
      const fastEnd = reader === null ? -1 : reader.read(bytes, words, lineStart, end);
      if (fastEnd >= 0) {
        this.countFast(table);
        lineStart = fastEnd + 1;
        continue;
      }
      const newline = findNewline(bytes, words, lineStart, end);
      this.addSlowly(table, bytes, lineStart, newline);
      lineStart = newline + 1;
    }
  }

  /** Counts a line of `table` that was skipped for being longer than the line limit. */
  addTooLongLine(table: RawTableName): void {
    const account = this.accounting[table];
    account.records++;
    account.rejected.too_long++;
  }

  /** The rows and accounts gathered since the previous call, plus the strings added meanwhile. */
  takePartial(): ColumnarPartial {
    const partial: ColumnarPartial = {
      strings: this.dictionary.takeNew(),
      pin: this.pinRows.take(),
      geo: this.geoRows.take(),
      user: this.userRows.take(),
      accounting: emptyAccounting(),
    };
    // Move the counts into the partial and start again from zero.
    addAccounting(partial.accounting, this.accounting);
    Object.assign(this.accounting, emptyAccounting());
    return partial;
  }

  private readerOf(table: RawTableName): PinLineReader | GeoLineReader | UserLineReader | null {
    return table === "pin" ? this.pin : table === "geo" ? this.geo : this.user;
  }

  private countFast(table: RawTableName): void {
    const account = this.accounting[table];
    account.records++;
    account.clean++;
  }

  /** The reference path for one line, after skipping it if blank. */
  private addSlowly(table: RawTableName, bytes: Uint8Array, start: number, end: number): void {
    let first = start;
    while (first < end && isBlankByte(bytes[first]!)) first++;
    if (first === end) return;
    this.accounting[table].records++;
    this.reference.read(table, bytes, first, end);
  }

  /** A 32-bit view of `bytes` for the scanner, when its memory is 4-byte aligned. */
  private wordsFor(bytes: Uint8Array): Uint32Array | null {
    if (bytes !== this.wordsOf) {
      this.wordsOf = bytes;
      this.words =
        bytes.byteOffset % 4 === 0
          ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2)
          : null;
    }
    return this.words;
  }
}
