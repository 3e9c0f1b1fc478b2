import { DEFAULT_PLACEHOLDERS } from "@pinpipe/clean";
import { FieldMemo } from "./fieldMemo";
import { type CleanScalar, ESCAPED_STRING, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { probeGeoColumn } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { KeyMatcher, VALUE_NUMBER } from "./scanFlatObject";
import type { GeoRows } from "./tableRows";
import { TimestampColumn } from "./timestampColumn";

const KEYS = ["ind", "country", "latitude", "longitude", "timestamp"] as const;
const IND = 0;
const COUNTRY = 1;
const LATITUDE = 2;
const LONGITUDE = 3;
const TIMESTAMP = 4;

const MATCHER = new KeyMatcher(KEYS);
const cleanCountry = (text: string): CleanScalar => probeGeoColumn("country", text);

/**
 * Fast path for raw geo lines; see `PinLineReader`. Reads key, country (memoised per distinct
 * value) and timestamp; when deduplicating, also the coordinates, for the whole-record hash.
 *
 * @example
 * const reader = new GeoLineReader(dictionary, rows, hasher);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("geo", bytes, 0, bytes.length);
 */
export class GeoLineReader {
  private readonly fields: LineFields;
  private readonly country = new FieldMemo();
  private readonly timestamp = new TimestampColumn(TIMESTAMP, DEFAULT_PLACEHOLDERS.timestamp, (text) =>
    probeGeoColumn("timestamp", text),
  );

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: GeoRows,
    hasher: RecordHasher,
  ) {
    this.fields = new LineFields(MATCHER, [IND], dictionary, hasher);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const country = fields.stringEntry(COUNTRY, this.country, cleanCountry, true);
    if (country === ESCAPED_STRING) return -1;
    const timestamp = this.timestamp.read(fields);
    if (timestamp === undefined) return -1;

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      this.hashRecord(country, timestamp);
      fields.pushRecordHash(hashes);
    }
    this.rows.push(fields.key, country < 0 ? -1 : this.country.ids[country]!, timestamp);
    return lineEnd;
  }

  /** Hashes the clean record in `GEO_COLUMNS` order (ind, country, coordinates, timestamp). */
  private hashRecord(country: number, timestamp: number): void {
    const fields = this.fields;
    const hasher = fields.hasher;
    hasher.begin();
    hasher.addNumber(fields.key);
    fields.addEntryHash(this.country, country);
    // Coordinates are usable only as two in-range numbers (JSON cannot spell NaN); anything else is null.
    if (fields.kind(LATITUDE) === VALUE_NUMBER && fields.kind(LONGITUDE) === VALUE_NUMBER) {
      const latitude = fields.number(LATITUDE);
      const longitude = fields.number(LONGITUDE);
      if (latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180) {
        hasher.addNumberPair(latitude + 0, longitude + 0);
      } else {
        hasher.addNull();
      }
    } else {
      hasher.addNull();
    }
    if (Number.isNaN(timestamp)) hasher.addNull();
    else hasher.addNumber(timestamp);
  }
}
