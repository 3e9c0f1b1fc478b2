import type { CleanPin } from "@pinpipe/schemas";
import { type CleanOptions, resolvePlaceholders } from "./cleanOptions";
import type { CleanResult } from "./cleanResult";
import { cleanSaveLocation } from "./cleanSaveLocation";
import { reportHostileKeys } from "./hostileKeys";
import { IssueLog } from "./issueLog";
import { parseFollowerCount } from "./parseFollowerCount";
import type { PlaceholderSet } from "./placeholderSet";
import { isRawRecord, notAnObject } from "./rawRecord";
import { readRecordKey } from "./readRecordKey";
import { readString } from "./readString";

/**
 * Cleans a raw pin record into exactly the clean pin columns, in order: `index` becomes `ind` (`ind`
 * is read when `index` is absent), `downloaded` and unknown fields are dropped, placeholders become
 * `null`, `follower_count` becomes a number (see `parseFollowerCount`), `save_location` a bare path
 * (see `cleanSaveLocation`). Other strings are kept byte for byte (trailing U+00A0 included).
 *
 * A field that cannot be cleaned becomes `null` with an issue; the record is rejected only when it
 * is not an object or its key is missing or not a non-negative safe integer. The input is never
 * mutated; the function never throws on JSON values.
 * A key whose JSON text rounds to a valid one (`1e-400`) is indistinguishable once parsed; callers
 * holding the text reject it with `keyLiteralIssue`.
 *
 * @example
 * const result = cleanPin({
 *   index: 0, unique_id: "31af679a-6e4f-426f-9fef-734309348d0e", title: "Kitten",
 *   description: "No description available", poster_name: "Bored Panda", follower_count: "2M",
 *   tag_list: "Pretty Art,Cute Art", is_image_or_video: "image", image_src: "Image src error.",
 *   downloaded: 1, save_location: "Local save in /data/art", category: "art",
 * });
 * // result.ok === true; result.value.follower_count === 2000000; result.value.description === null
 * // result.issues: two `placeholder` issues (description, image_src)
 */
export function cleanPin(raw: unknown, options?: CleanOptions): CleanResult<CleanPin> {
  if (!isRawRecord(raw)) return notAnObject(raw);
  const log = new IssueLog();
  reportHostileKeys(raw, log);
  const ind =
    raw.index === undefined ? readRecordKey(raw.ind, "ind", log) : readRecordKey(raw.index, "index", log);
  if (ind < 0) return { ok: false, issues: log.issues() };

  const placeholders = resolvePlaceholders(options);
  const value: CleanPin = {
    ind,
    unique_id: readString(raw.unique_id, "unique_id", placeholders.unique_id, log),
    title: readString(raw.title, "title", placeholders.title, log),
    description: readString(raw.description, "description", placeholders.description, log),
    follower_count: readFollowerCount(raw.follower_count, placeholders.follower_count, log),
    poster_name: readString(raw.poster_name, "poster_name", placeholders.poster_name, log),
    tag_list: readString(raw.tag_list, "tag_list", placeholders.tag_list, log),
    is_image_or_video: readString(
      raw.is_image_or_video,
      "is_image_or_video",
      placeholders.is_image_or_video,
      log,
    ),
    image_src: readString(raw.image_src, "image_src", placeholders.image_src, log),
    save_location: readSaveLocation(raw.save_location, placeholders.save_location, log),
    category: readString(raw.category, "category", placeholders.category, log),
  };
  return { ok: true, value, issues: log.issues() };
}

function readFollowerCount(value: unknown, placeholders: PlaceholderSet, log: IssueLog): number | null {
  if (typeof value === "string" && placeholders.matches(value)) {
    log.add("follower_count", value, "placeholder");
    return null;
  }
  if (typeof value === "string" || typeof value === "number") {
    const count = parseFollowerCount(value);
    if (count === null) log.add("follower_count", value, "unparseable_follower_count");
    return count;
  }
  if (value !== null) log.add("follower_count", value, value === undefined ? "missing_field" : "wrong_type");
  return null;
}

function readSaveLocation(value: unknown, placeholders: PlaceholderSet, log: IssueLog): string | null {
  const text = readString(value, "save_location", placeholders, log);
  if (text === null) return null;
  const path = cleanSaveLocation(text);
  if (path === null) log.add("save_location", value, "empty_save_location");
  return path;
}
