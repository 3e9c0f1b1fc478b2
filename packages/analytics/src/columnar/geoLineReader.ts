import type { CleanOptions } from "@pinpipe/clean";
import { columnPlaceholders } from "@pinpipe/clean/bytes";
import type { GeoRowsBuilder } from "./cleanRows";
import { FieldMemo } from "./fieldMemo";
import { countOutcome, FIELD_GIVE_UP, type IssueSink, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { type ProbedField, probeField } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { VALUE_NULL, VALUE_NUMBER } from "./scanFlatObject";
import type { GeoRows } from "./tableRows";
import { TextField } from "./textField";
import { TimestampField } from "./timestampField";

const KEYS = ["ind", "country", "latitude", "longitude", "timestamp"] as const;
const IND = 0;
const COUNTRY = 1;
const LATITUDE = 2;
const LONGITUDE = 3;
const TIMESTAMP = 4;

/** Coordinates outcomes: both null (no issue), a usable pair, or give up. */
const COORDINATES_NULL = 0;
const COORDINATES_PAIR = 1;

/**
 * Fast path for raw geo lines; see `PinLineReader`. Decides country (memoised per distinct
 * value), coordinates (two in-range numbers, or two nulls) and timestamp, with their issues.
 *
 * @example
 * const reader = new GeoLineReader(dictionary, rows, null, hasher, tally, undefined);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("geo", bytes, 0, bytes.length);
 */
export class GeoLineReader {
  private readonly fields: LineFields;
  private readonly country = new FieldMemo();
  private readonly timestamp: TimestampField;
  private readonly probeCountry: (text: string) => ProbedField;

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: GeoRows,
    private readonly full: GeoRowsBuilder | null,
    hasher: RecordHasher,
    private readonly issues: IssueSink,
    options: CleanOptions | undefined,
  ) {
    this.fields = new LineFields(KEYS, [IND], dictionary, hasher);
    this.timestamp = new TimestampField(
      TIMESTAMP,
      "timestamp",
      columnPlaceholders("timestamp", options),
      (text) => probeField("geo", "timestamp", text, options),
    );
    this.probeCountry = (text) => probeField("geo", "country", text, options);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const country = fields.stringEntry(COUNTRY, this.country, this.probeCountry, true);
    if (country === FIELD_GIVE_UP) return -1;
    const coordinates = this.coordinates();
    if (coordinates < 0) return -1;
    const timestampRule = this.timestamp.read(fields);
    if (timestampRule === FIELD_GIVE_UP) return -1;
    const timestamp = this.timestamp.millis;

    countOutcome(this.issues, "country", country, this.country);
    this.timestamp.countIssue(this.issues, timestampRule);
    const latitude = coordinates === COORDINATES_PAIR ? fields.number(LATITUDE) + 0 : Number.NaN;
    const longitude = coordinates === COORDINATES_PAIR ? fields.number(LONGITUDE) + 0 : Number.NaN;

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      // The whole clean record, in `GEO_COLUMNS` order.
      const hasher = fields.hasher;
      hasher.begin();
      hasher.addNumber(fields.key);
      fields.addEntryHash(this.country, country);
      if (coordinates === COORDINATES_PAIR) hasher.addNumberPair(latitude, longitude);
      else hasher.addNull();
      if (Number.isNaN(timestamp)) hasher.addNull();
      else hasher.addNumber(timestamp);
      fields.pushRecordHash(hashes);
    }
    this.rows.push(fields.key, country < 0 ? -1 : this.country.ids[country]!, timestamp);
    const full = this.full;
    if (full !== null) {
      full.ind.push(fields.key);
      TextField.pushEntry(this.country, country, full.country);
      if (coordinates === COORDINATES_PAIR) full.coordinates.push(latitude, longitude);
      else full.coordinates.pushNull();
      full.timestamp.push(timestamp);
      full.endRow();
    }
    return lineEnd;
  }

  /** Two in-range numbers, two nulls, or -1: anything else (with issues) is the reference path's. */
  private coordinates(): number {
    const fields = this.fields;
    const latitudeKind = fields.kind(LATITUDE);
    const longitudeKind = fields.kind(LONGITUDE);
    if (latitudeKind === VALUE_NULL && longitudeKind === VALUE_NULL) return COORDINATES_NULL;
    if (latitudeKind !== VALUE_NUMBER || longitudeKind !== VALUE_NUMBER) return -1;
    const latitude = fields.number(LATITUDE);
    const longitude = fields.number(LONGITUDE);
    return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180 ? COORDINATES_PAIR : -1;
  }
}
