import { type CleanOptions, CountsTally, type TableCounts } from "@pinpipe/clean";
import { GeoRowsBuilder, PinRowsBuilder, UserRowsBuilder } from "./cleanRows";
import type { ColumnarPartial, RejectedLine } from "./columnarPartial";
import { findNewline } from "./findNewline";
import { GeoLineReader } from "./geoLineReader";
import { LocalDictionary } from "./localDictionary";
import { PinLineReader } from "./pinLineReader";
import type { RawTableName } from "./rawTableName";
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
  /** Also build every clean row whole ({@link ColumnarPartial.rows}), for sinks that write the tables. */
  readonly fullRows?: boolean;
  /** Keep each rejected line's bytes and reasons ({@link ColumnarPartial.rejected}). */
  readonly keepRejected?: boolean;
  /** The cleaning options (placeholder overrides), for both paths alike. */
  readonly clean?: CleanOptions | undefined;
}

function isBlankByte(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

const newTallies = (): Record<RawTableName, CountsTally> => ({
  pin: new CountsTally(),
  geo: new CountsTally(),
  user: new CountsTally(),
});

/**
 * Turns raw NDJSON lines of the three tables into clean rows, cleaning them exactly as
 * @pinpipe/clean does: the analytics columns (dictionary-encoded strings) always, whole clean rows
 * with `fullRows`. Lines of the common flat shape are read by a byte scanner without creating
 * objects; every other line goes through `JSON.parse` and the cleaners. Lines that are empty or
 * only white space are not records; every other line is counted (one {@link TableCounts} shape)
 * and ends as a clean row or a rejection by reason, kept with its bytes and position when
 * `keepRejected`. Rows accumulate until {@link ColumnarBuilder.takePartial}, which hands them out as
 * a transferable {@link ColumnarPartial}.
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
  private readonly fullPin: PinRowsBuilder | null;
  private readonly fullGeo: GeoRowsBuilder | null;
  private readonly fullUser: UserRowsBuilder | null;
  private tallies = newTallies();
  private rejected: RejectedLine[] = [];
  private readonly keepRejected: boolean;
  private readonly reference: ReferenceLineReader;
  private readonly pin: PinLineReader | null;
  private readonly geo: GeoLineReader | null;
  private readonly user: UserLineReader | null;
  private wordsOf: Uint8Array | null = null;
  private words: Uint32Array | null = null;
  /** The piece being read and the lines seen in it (blank ones included), for rejection positions. */
  private piece = 0;
  private line = 0;

  constructor(options: ColumnarBuilderOptions) {
    this.pinRows = new PinRows(options.dedupe);
    this.geoRows = new GeoRows(options.dedupe);
    this.userRows = new UserRows(options.dedupe);
    const full = options.fullRows === true;
    this.fullPin = full ? new PinRowsBuilder() : null;
    this.fullGeo = full ? new GeoRowsBuilder() : null;
    this.fullUser = full ? new UserRowsBuilder() : null;
    this.keepRejected = options.keepRejected === true;
    const hasher = new RecordHasher();
    const clean = options.clean;
    const self = this;
    const sinks = {
      pin: this.pinRows,
      geo: this.geoRows,
      user: this.userRows,
      fullPin: this.fullPin,
      fullGeo: this.fullGeo,
      fullUser: this.fullUser,
      // A getter: the tallies are replaced at every partial.
      get tallies() {
        return self.tallies;
      },
    };
    this.reference = new ReferenceLineReader(this.dictionary, sinks, options.dedupe ? hasher : null, clean);
    const fast = options.referenceOnly !== true;
    const issues = (table: RawTableName) => ({
      countIssue: (field: string, rule: Parameters<CountsTally["countIssue"]>[1]) =>
        self.tallies[table].countIssue(field, rule),
    });
    this.pin = fast
      ? new PinLineReader(this.dictionary, this.pinRows, this.fullPin, hasher, issues("pin"), clean)
      : null;
    this.geo = fast
      ? new GeoLineReader(this.dictionary, this.geoRows, this.fullGeo, hasher, issues("geo"), clean)
      : null;
    this.user = fast
      ? new UserLineReader(this.dictionary, this.userRows, this.fullUser, hasher, issues("user"), clean)
      : null;
  }

  /**
   * Starts piece number `piece` of the current task: line numbers of rejections restart at 1 and
   * carry the piece's number.
   */
  beginPiece(piece: number): void {
    this.piece = piece;
    this.line = 0;
  }

  /** Lines seen in the current piece so far (blank and too-long lines included). */
  get linesInPiece(): number {
    return this.line;
  }

  /** Reads one line `bytes[start, end)` (without its newline) of `table`, at stream `offset`. */
  addLine(table: RawTableName, bytes: Uint8Array, start: number, end: number, offset = 0): void {
    this.line++;
    const reader = this.readerOf(table);
    if (reader !== null && reader.read(bytes, this.wordsFor(bytes), start, end) === end) {
      this.tallies[table].countClean();
      return;
    }
    this.addSlowly(table, bytes, start, end, offset);
  }

  /**
   * Reads every `\n`-separated line of `bytes[start, end)` (the last one has no newline, and may be
   * empty).
   * `offset` is the stream position of `bytes[start]` (for rejection positions).
   */
  addLines(table: RawTableName, bytes: Uint8Array, start: number, end: number, offset = 0): void {
    const words = this.wordsFor(bytes);
    const reader = this.readerOf(table);
    const tally = this.tallies[table];
    let lineStart = start;
    // `<=`: a run ending in a newline ends with an empty line, which counts for line numbers.
    while (lineStart <= end) {
      this.line++;
      // The fast path finds the line's end as it scans; only other lines need a newline search.
      const fastEnd = reader === null ? -1 : reader.read(bytes, words, lineStart, end);
      if (fastEnd >= 0) {
        tally.countClean();
        lineStart = fastEnd + 1;
        continue;
      }
      const newline = findNewline(bytes, words, lineStart, end);
      this.addSlowly(table, bytes, lineStart, newline, offset + (lineStart - start));
      lineStart = newline + 1;
    }
  }

  /**
   * Reads one record `bytes[start, end)` of `table` that came on its own (a Kinesis or Kafka
   * record's data): newlines inside are part of it, and an empty or blank record is rejected as
   * `invalid_json` rather than skipped, since a record was sent.
   */
  addRecord(table: RawTableName, bytes: Uint8Array, start: number, end: number): void {
    this.line++;
    const reader = this.readerOf(table);
    if (reader !== null && reader.read(bytes, this.wordsFor(bytes), start, end) === end) {
      this.tallies[table].countClean();
      return;
    }
    let first = start;
    while (first < end && isBlankByte(bytes[first]!)) first++;
    if (first === end) {
      this.reject(table, "invalid_json", "empty record", bytes.slice(start, end), 0);
      return;
    }
    this.addSlowly(table, bytes, start, end, 0);
  }

  /**
   * Counts a record of `table` that could not be read at all (its container was corrupt, it was
   * too long to take): rejected for `reason`, kept with `bytes` when there are any.
   */
  addUnreadable(
    table: RawTableName,
    reason: "invalid_json" | "too_long",
    message: string,
    bytes: Uint8Array | null,
  ): void {
    this.line++;
    this.reject(table, reason, message, bytes, 0);
  }

  /** Counts a line of `table` that was skipped for being longer than the line limit. */
  addTooLongLine(table: RawTableName, offset = 0): void {
    this.line++;
    this.reject(table, "too_long", "longer than the line limit", null, offset);
  }

  /**
   * Counts the unread rest of a stream cut at a size limit, from stream position `offset` on, as
   * one `too_long` rejection of `table` (kept with `raw` null: its bytes were never read).
   */
  addTruncatedRest(table: RawTableName, offset: number, message: string): void {
    this.line++;
    this.reject(table, "too_long", message, null, offset);
  }

  /** The rows, counts and rejections gathered since the previous call, plus the strings added meanwhile. */
  takePartial(): ColumnarPartial {
    const tallies = this.tallies;
    const accounting: Record<RawTableName, TableCounts> = {
      pin: tallies.pin.counts(),
      geo: tallies.geo.counts(),
      user: tallies.user.counts(),
    };
    this.tallies = newTallies();
    const rejected = this.rejected;
    this.rejected = [];
    const rows =
      this.fullPin !== null && this.fullGeo !== null && this.fullUser !== null
        ? { pin: this.fullPin.take(), geo: this.fullGeo.take(), user: this.fullUser.take() }
        : null;
    return {
      strings: this.dictionary.takeNew(),
      pin: this.pinRows.take(),
      geo: this.geoRows.take(),
      user: this.userRows.take(),
      accounting,
      rows,
      rejected,
    };
  }

  private readerOf(table: RawTableName): PinLineReader | GeoLineReader | UserLineReader | null {
    return table === "pin" ? this.pin : table === "geo" ? this.geo : this.user;
  }

  /** Counts a rejection of the current line found before any cleaner ran, keeping it when asked. */
  private reject(
    table: RawTableName,
    reason: "invalid_json" | "too_long",
    message: string,
    bytes: Uint8Array | null,
    offset: number,
  ): void {
    this.tallies[table].countRejected(reason, "$");
    if (this.keepRejected) {
      this.rejected.push({
        table,
        piece: this.piece,
        line: this.line,
        byteOffset: offset,
        bytes,
        reason,
        issues: [{ field: "$", value: message, rule: reason }],
      });
    }
  }

  /** The reference path for one line, after skipping it if blank. */
  private addSlowly(
    table: RawTableName,
    bytes: Uint8Array,
    start: number,
    end: number,
    offset: number,
  ): void {
    let first = start;
    while (first < end && isBlankByte(bytes[first]!)) first++;
    if (first === end) return;
    const rejection = this.reference.read(table, bytes, first, end);
    if (rejection !== null && this.keepRejected) {
      this.rejected.push({
        table,
        piece: this.piece,
        line: this.line,
        byteOffset: offset,
        // The line exactly as it came, surrounding white space included.
        bytes: bytes.slice(start, end),
        reason: rejection.reason,
        issues: rejection.issues,
      });
    }
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
