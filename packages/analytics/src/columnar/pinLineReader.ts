import { DEFAULT_PLACEHOLDERS } from "@pinpipe/clean";
import { PIN_COLUMNS } from "@pinpipe/schemas";
import { ColumnPlaceholders } from "./columnPlaceholders";
import { FieldMemo } from "./fieldMemo";
import { type CleanScalar, ESCAPED_STRING, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { type PinProbeColumn, probePinColumn } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { KeyMatcher, VALUE_NUMBER } from "./scanFlatObject";
import type { PinRows } from "./tableRows";

// The clean columns as raw keys, plus the raw `index` (which wins over `ind`) and `downloaded`: not a
// clean column, but known, so the scanner's key-order prediction covers whole lines.
const KEYS = ["index", ...PIN_COLUMNS, "downloaded"] as const;
type PinKey = (typeof KEYS)[number];
const slotOf = (key: PinKey): number => KEYS.indexOf(key);
const INDEX = slotOf("index");
const IND = slotOf("ind");
const UNIQUE_ID = slotOf("unique_id");
const TITLE = slotOf("title");
const DESCRIPTION = slotOf("description");
const FOLLOWER_COUNT = slotOf("follower_count");
const POSTER_NAME = slotOf("poster_name");
const TAG_LIST = slotOf("tag_list");
const IS_IMAGE_OR_VIDEO = slotOf("is_image_or_video");
const IMAGE_SRC = slotOf("image_src");
const SAVE_LOCATION = slotOf("save_location");
const CATEGORY = slotOf("category");

const MATCHER = new KeyMatcher(KEYS);

/** Cleans one raw string field through `cleanPin` itself. */
function columnCleaner(column: PinProbeColumn): (text: string) => CleanScalar {
  return (text) => probePinColumn(column, text);
}

const cleanPosterName = columnCleaner("poster_name");
const cleanCategory = columnCleaner("category");
const cleanFollowerText = columnCleaner("follower_count");
const cleanFollowerNumber = (value: number): CleanScalar => probePinColumn("follower_count", value);
const cleanKind = columnCleaner("is_image_or_video");
const cleanSaveLocation = columnCleaner("save_location");

/** A high-cardinality string column hashed per record when deduplicating. */
interface HashedColumn {
  readonly slot: number;
  readonly placeholders: ColumnPlaceholders;
  readonly clean: (text: string) => string | null;
}

function hashedColumn(
  slot: number,
  column: "unique_id" | "title" | "description" | "tag_list" | "image_src",
): HashedColumn {
  return {
    slot,
    placeholders: new ColumnPlaceholders(DEFAULT_PLACEHOLDERS[column]),
    clean: (text) => probePinColumn(column, text),
  };
}

/**
 * Fast path for raw pin lines: scans the bytes of a well-formed flat line and appends the pin's
 * analytics columns (key, follower count, poster name, category) without building objects.
 * Distinct raw values of the low-cardinality columns are cleaned once, by `cleanPin` itself; when
 * deduplicating, the whole clean record is hashed from the bytes. Returns `false`, having
 * appended nothing, for any line it does not read exactly as the reference path would (escaped
 * key fields, rejections, nested values…), which the caller then gives to the reference path.
 *
 * @example
 * const reader = new PinLineReader(dictionary, rows, hasher);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("pin", bytes, 0, bytes.length);
 */
export class PinLineReader {
  private readonly fields: LineFields;
  private readonly followerText = new FieldMemo();
  private readonly followerNumber = new FieldMemo();
  private readonly posterName = new FieldMemo();
  private readonly category = new FieldMemo();
  private readonly kind = new FieldMemo();
  private readonly saveLocation = new FieldMemo();
  private readonly uniqueId = hashedColumn(UNIQUE_ID, "unique_id");
  private readonly title = hashedColumn(TITLE, "title");
  private readonly description = hashedColumn(DESCRIPTION, "description");
  private readonly tagList = hashedColumn(TAG_LIST, "tag_list");
  private readonly imageSrc = hashedColumn(IMAGE_SRC, "image_src");

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: PinRows,
    hasher: RecordHasher,
  ) {
    this.fields = new LineFields(MATCHER, [INDEX, IND], dictionary, hasher);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    let followerMemo = this.followerText;
    let follower: number;
    if (fields.kind(FOLLOWER_COUNT) === VALUE_NUMBER) {
      followerMemo = this.followerNumber;
      follower = fields.numberEntry(FOLLOWER_COUNT, followerMemo, cleanFollowerNumber);
    } else {
      follower = fields.stringEntry(FOLLOWER_COUNT, followerMemo, cleanFollowerText, false);
    }
    const poster = fields.stringEntry(POSTER_NAME, this.posterName, cleanPosterName, true);
    const category = fields.stringEntry(CATEGORY, this.category, cleanCategory, true);
    if (follower === ESCAPED_STRING || poster === ESCAPED_STRING || category === ESCAPED_STRING) return -1;

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      if (!this.hashRecord(followerMemo, follower, poster, category)) return -1;
      fields.pushRecordHash(hashes);
    }
    this.rows.push(
      fields.key,
      follower < 0 ? Number.NaN : followerMemo.numbers[follower]!,
      poster < 0 ? -1 : this.posterName.ids[poster]!,
      category < 0 ? -1 : this.category.ids[category]!,
    );
    return lineEnd;
  }

  /** Hashes the whole clean record, in `PIN_COLUMNS` order; `false` to give up. */
  private hashRecord(followerMemo: FieldMemo, follower: number, poster: number, category: number): boolean {
    const fields = this.fields;
    fields.hasher.begin();
    fields.hasher.addNumber(fields.key);
    if (!this.addHashed(this.uniqueId) || !this.addHashed(this.title) || !this.addHashed(this.description)) {
      return false;
    }
    fields.addEntryHash(followerMemo, follower);
    fields.addEntryHash(this.posterName, poster);
    if (!this.addHashed(this.tagList)) return false;
    const kind = fields.stringEntry(IS_IMAGE_OR_VIDEO, this.kind, cleanKind, false);
    if (kind === ESCAPED_STRING) return false;
    fields.addEntryHash(this.kind, kind);
    if (!this.addHashed(this.imageSrc)) return false;
    const save = fields.stringEntry(SAVE_LOCATION, this.saveLocation, cleanSaveLocation, false);
    if (save === ESCAPED_STRING) return false;
    fields.addEntryHash(this.saveLocation, save);
    fields.addEntryHash(this.category, category);
    return true;
  }

  private addHashed(column: HashedColumn): boolean {
    if (!this.fields.hashStringColumn(column.slot, column.placeholders, column.clean)) return false;
    this.fields.hasher.addFieldHash(this.fields.hasher.fieldLo, this.fields.hasher.fieldHi);
    return true;
  }
}
