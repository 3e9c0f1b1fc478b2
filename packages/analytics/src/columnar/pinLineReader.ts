import type { CleanOptions } from "@pinpipe/clean";
import { columnPlaceholders } from "@pinpipe/clean/bytes";
import { PIN_COLUMNS } from "@pinpipe/schemas";
import type { PinRowsBuilder } from "./cleanRows";
import { FieldMemo } from "./fieldMemo";
import { countOutcome, FIELD_GIVE_UP, type IssueSink, LineFields } from "./lineFields";
import type { LocalDictionary } from "./localDictionary";
import { probeField } from "./probeCleaners";
import type { RecordHasher } from "./recordHasher";
import { VALUE_NUMBER, VALUE_STRING } from "./scanFlatObject";
import type { PinRows } from "./tableRows";
import { TextField } from "./textField";

// The clean columns as raw keys, plus the raw `index` (which wins over `ind`) and `downloaded`: not a
// clean column, but known, so the scanner's key-order prediction covers whole lines.
const KEYS = ["index", ...PIN_COLUMNS, "downloaded"] as const;
type PinKey = (typeof KEYS)[number];
const slotOf = (key: PinKey): number => KEYS.indexOf(key);
const FOLLOWER_COUNT = slotOf("follower_count");
const POSTER_NAME = slotOf("poster_name");
const SAVE_LOCATION = slotOf("save_location");
const CATEGORY = slotOf("category");

/**
 * Fast path for raw pin lines: scans the bytes of a well-formed flat line and decides every
 * column's clean value and issue without building objects: strings kept byte for byte unless a
 * placeholder, and the low-cardinality columns (follower count, poster name, category, kind, save
 * location) cleaned once per distinct raw value by `cleanPin` itself. It appends the analytics
 * columns, counts the issues, and with `full` rows also the whole clean row; when deduplicating, it
 * hashes the whole clean record from the bytes. Returns -1, having appended and counted nothing,
 * for any line it does not read exactly as the reference path would (escapes, blank-looking or
 * non-ASCII-led strings, rejections, nested values, hostile keys…): the caller gives it to the
 * reference path.
 *
 * @example
 * const reader = new PinLineReader(dictionary, rows, null, hasher, tally, undefined);
 * if (reader.read(bytes, null, 0, bytes.length) < 0) reference.read("pin", bytes, 0, bytes.length);
 */
export class PinLineReader {
  private readonly fields: LineFields;
  private readonly followerText = new FieldMemo();
  private readonly followerNumber = new FieldMemo();
  private readonly posterName = new FieldMemo();
  private readonly category = new FieldMemo();
  private readonly saveLocation = new FieldMemo();
  private readonly uniqueId: TextField;
  private readonly title: TextField;
  private readonly description: TextField;
  private readonly tagList: TextField;
  private readonly imageSrc: TextField;
  private readonly imageOrVideo: TextField;
  private readonly probeFollowerText: (text: string) => ReturnType<typeof probeField>;
  private readonly probeFollowerNumber: (value: number) => ReturnType<typeof probeField>;
  private readonly probePosterName: (text: string) => ReturnType<typeof probeField>;
  private readonly probeCategory: (text: string) => ReturnType<typeof probeField>;
  private readonly probeSaveLocation: (text: string) => ReturnType<typeof probeField>;

  constructor(
    dictionary: LocalDictionary,
    private readonly rows: PinRows,
    private readonly full: PinRowsBuilder | null,
    hasher: RecordHasher,
    private readonly issues: IssueSink,
    options: CleanOptions | undefined,
  ) {
    this.fields = new LineFields(KEYS, [slotOf("index"), slotOf("ind")], dictionary, hasher);
    const text = (
      column: "unique_id" | "title" | "description" | "tag_list" | "image_src" | "is_image_or_video",
    ) => new TextField(slotOf(column), column, columnPlaceholders(column, options));
    this.uniqueId = text("unique_id");
    this.title = text("title");
    this.description = text("description");
    this.tagList = text("tag_list");
    this.imageSrc = text("image_src");
    this.imageOrVideo = text("is_image_or_video");
    const probe =
      (column: string) =>
      (raw: string | number): ReturnType<typeof probeField> =>
        probeField("pin", column, raw, options);
    this.probeFollowerText = probe("follower_count");
    this.probeFollowerNumber = probe("follower_count");
    this.probePosterName = probe("poster_name");
    this.probeCategory = probe("category");
    this.probeSaveLocation = probe("save_location");
  }

  /**
   * Reads the line starting at `start` (ending at the next newline or `end`) and returns its end,
   * or -1, having appended nothing, when the reference path must read it instead.
   */
  read(bytes: Uint8Array, words: Uint32Array | null, start: number, end: number): number {
    const fields = this.fields;
    const lineEnd = fields.scan(bytes, words, start, end);
    if (lineEnd < 0) return -1;
    const uniqueId = this.uniqueId.outcome(fields);
    const title = this.title.outcome(fields);
    const description = this.description.outcome(fields);
    const tagList = this.tagList.outcome(fields);
    const imageSrc = this.imageSrc.outcome(fields);
    if (
      uniqueId === FIELD_GIVE_UP ||
      title === FIELD_GIVE_UP ||
      description === FIELD_GIVE_UP ||
      tagList === FIELD_GIVE_UP ||
      imageSrc === FIELD_GIVE_UP
    ) {
      return -1;
    }
    const followerSlot = FOLLOWER_COUNT;
    const followerKind = fields.kind(followerSlot);
    const followerMemo = followerKind === VALUE_NUMBER ? this.followerNumber : this.followerText;
    const follower =
      followerKind === VALUE_NUMBER
        ? fields.numberEntry(followerSlot, followerMemo, this.probeFollowerNumber)
        : followerKind === VALUE_STRING
          ? fields.stringEntry(followerSlot, followerMemo, this.probeFollowerText, false)
          : fields.nonValueOutcome(followerSlot);
    const poster = fields.stringEntry(POSTER_NAME, this.posterName, this.probePosterName, true);
    const kind = this.imageOrVideo.outcome(fields);
    const save = fields.stringEntry(SAVE_LOCATION, this.saveLocation, this.probeSaveLocation, false);
    const category = fields.stringEntry(CATEGORY, this.category, this.probeCategory, true);
    if (
      follower === FIELD_GIVE_UP ||
      poster === FIELD_GIVE_UP ||
      kind === FIELD_GIVE_UP ||
      save === FIELD_GIVE_UP ||
      category === FIELD_GIVE_UP
    ) {
      return -1;
    }

    const issues = this.issues;
    this.uniqueId.countIssue(issues, uniqueId);
    this.title.countIssue(issues, title);
    this.description.countIssue(issues, description);
    countOutcome(issues, "follower_count", follower, followerMemo);
    countOutcome(issues, "poster_name", poster, this.posterName);
    this.tagList.countIssue(issues, tagList);
    this.imageOrVideo.countIssue(issues, kind);
    this.imageSrc.countIssue(issues, imageSrc);
    countOutcome(issues, "save_location", save, this.saveLocation);
    countOutcome(issues, "category", category, this.category);

    const hashes = this.rows.hashes;
    if (hashes !== null) {
      // The whole clean record, in `PIN_COLUMNS` order.
      const hasher = fields.hasher;
      hasher.begin();
      hasher.addNumber(fields.key);
      this.uniqueId.addHash(fields, uniqueId);
      this.title.addHash(fields, title);
      this.description.addHash(fields, description);
      fields.addEntryHash(followerMemo, follower);
      fields.addEntryHash(this.posterName, poster);
      this.tagList.addHash(fields, tagList);
      this.imageOrVideo.addHash(fields, kind);
      this.imageSrc.addHash(fields, imageSrc);
      fields.addEntryHash(this.saveLocation, save);
      fields.addEntryHash(this.category, category);
      fields.pushRecordHash(hashes);
    }
    const followerCount = follower < 0 ? Number.NaN : followerMemo.numbers[follower]!;
    this.rows.push(
      fields.key,
      followerCount,
      poster < 0 ? -1 : this.posterName.ids[poster]!,
      category < 0 ? -1 : this.category.ids[category]!,
    );
    const full = this.full;
    if (full !== null) {
      full.ind.push(fields.key);
      this.uniqueId.push(fields, uniqueId, full.uniqueId);
      this.title.push(fields, title, full.title);
      this.description.push(fields, description, full.description);
      full.followerCount.push(followerCount);
      TextField.pushEntry(this.posterName, poster, full.posterName);
      this.tagList.push(fields, tagList, full.tagList);
      this.imageOrVideo.push(fields, kind, full.isImageOrVideo);
      this.imageSrc.push(fields, imageSrc, full.imageSrc);
      TextField.pushEntry(this.saveLocation, save, full.saveLocation);
      TextField.pushEntry(this.category, category, full.category);
      full.endRow();
    }
    return lineEnd;
  }
}
