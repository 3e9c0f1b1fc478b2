import { DEFAULT_PLACEHOLDERS } from "@pinpipe/clean";
import { ColumnPlaceholders } from "./columnPlaceholders";
import { FieldMemo } from "./fieldMemo";
import { type CleanScalar, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { type PinProbeColumn, probePinColumn } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { KeyMatcher, VALUE_ABSENT, VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";
import type { PinRows } from "./tableRows";

const KEYS = [
  "index",
  "ind",
  "unique_id",
  "title",
  "description",
  "follower_count",
  "poster_name",
  "tag_list",
  "is_image_or_video",
  "image_src",
  "save_location",
  "category",
  // Not a clean column, but known, so the scanner's key-order prediction covers whole lines.
  "downloaded",
] as const;
const INDEX = 0;
const IND = 1;
const UNIQUE_ID = 2;
const TITLE = 3;
const DESCRIPTION = 4;
const FOLLOWER_COUNT = 5;
const POSTER_NAME = 6;
const TAG_LIST = 7;
const IS_IMAGE_OR_VIDEO = 8;
const IMAGE_SRC = 9;
const SAVE_LOCATION = 10;
const CATEGORY = 11;

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
  private readonly hash = new Int32Array(2);

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: PinRows,
    hasher: RecordHasher,
  ) {
    this.fields = new LineFields(MATCHER, dictionary, hasher);
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const keySlot = fields.kind(INDEX) !== VALUE_ABSENT ? INDEX : IND;
    if (fields.kind(keySlot) !== VALUE_NUMBER) return -1;
    const ind = fields.number(keySlot) + 0;
    if (!Number.isSafeInteger(ind) || ind < 0) return -1;

    let followerMemo = this.followerText;
    let follower: number;
    if (fields.kind(FOLLOWER_COUNT) === VALUE_NUMBER) {
      followerMemo = this.followerNumber;
      follower = fields.numberEntry(FOLLOWER_COUNT, followerMemo, cleanFollowerNumber);
    } else {
      follower = this.stringEntry(FOLLOWER_COUNT, followerMemo, cleanFollowerText, false);
    }
    const poster = this.stringEntry(POSTER_NAME, this.posterName, cleanPosterName, true);
    const category = this.stringEntry(CATEGORY, this.category, cleanCategory, true);
    if (follower === -2 || poster === -2 || category === -2) return -1;

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      if (!this.hashRecord(ind, followerMemo, follower, poster, category)) return -1;
      hashes.push(this.hash[0]!);
      hashes.push(this.hash[1]!);
    }
    this.rows.push(
      ind,
      follower < 0 ? Number.NaN : followerMemo.numbers[follower]!,
      poster < 0 ? -1 : this.posterName.ids[poster]!,
      category < 0 ? -1 : this.category.ids[category]!,
    );
    return lineEnd;
  }

  /**
   * The memo entry of a string column: -1 when the raw value is not a string (the clean value is
   * then null), -2 when it is a string with escapes (the fast path gives up).
   */
  private stringEntry(
    slot: number,
    memo: FieldMemo,
    clean: (text: string) => CleanScalar,
    intern: boolean,
  ): number {
    const fields = this.fields;
    if (fields.kind(slot) !== VALUE_STRING) return -1;
    if (!fields.isPlainString(slot)) return -2;
    return fields.stringEntry(slot, memo, clean, intern);
  }

  /** Hashes the whole clean record, in `PIN_COLUMNS` order, into {@link hash}; `false` to give up. */
  private hashRecord(
    ind: number,
    followerMemo: FieldMemo,
    follower: number,
    poster: number,
    category: number,
  ): boolean {
    const hasher = this.fields.hasher;
    hasher.begin();
    hasher.addNumber(ind);
    if (!this.addHashed(this.uniqueId) || !this.addHashed(this.title) || !this.addHashed(this.description)) {
      return false;
    }
    this.addMemoHash(followerMemo, follower);
    this.addMemoHash(this.posterName, poster);
    if (!this.addHashed(this.tagList)) return false;
    const kind = this.stringEntry(IS_IMAGE_OR_VIDEO, this.kind, cleanKind, false);
    if (kind === -2) return false;
    this.addMemoHash(this.kind, kind);
    if (!this.addHashed(this.imageSrc)) return false;
    const save = this.stringEntry(SAVE_LOCATION, this.saveLocation, cleanSaveLocation, false);
    if (save === -2) return false;
    this.addMemoHash(this.saveLocation, save);
    this.addMemoHash(this.category, category);
    hasher.end(this.hash, 0);
    return true;
  }

  private addHashed(column: HashedColumn): boolean {
    if (!this.fields.hashStringColumn(column.slot, column.placeholders, column.clean)) return false;
    this.fields.hasher.addFieldHash(this.fields.hasher.fieldLo, this.fields.hasher.fieldHi);
    return true;
  }

  /** Folds a memo entry's clean hash (entry -1: null) into the record hash. */
  private addMemoHash(memo: FieldMemo, entry: number): void {
    const hasher = this.fields.hasher;
    if (entry < 0) hasher.addNull();
    else hasher.addFieldHash(memo.hashLo[entry]!, memo.hashHi[entry]!);
  }
}
