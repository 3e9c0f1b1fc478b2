import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import type { CleanRecordOf, TableName } from "./tables";

/** Value-based key of every column but `ind`; JSON text of strings, numbers and nulls is injective. */
const CONTENT_KEYS: { readonly [T in TableName]: (record: CleanRecordOf<T>) => string } = {
  pin: (r: CleanPin) =>
    JSON.stringify([
      r.unique_id,
      r.title,
      r.description,
      r.follower_count,
      r.poster_name,
      r.tag_list,
      r.is_image_or_video,
      r.image_src,
      r.save_location,
      r.category,
    ]),
  geo: (r: CleanGeo) => JSON.stringify([r.country, r.coordinates, r.timestamp?.getTime() ?? null]),
  user: (r: CleanUser) => JSON.stringify([r.user_name, r.age, r.date_joined?.getTime() ?? null]),
};

/**
 * Recognises clean records already seen, as Spark's `dropDuplicates()` on the clean table: two
 * records are duplicates when every column is equal, dates compared by instant and coordinates by
 * value. Records are first grouped by `ind` (duplicates share it), so a content key is computed
 * only for records whose `ind` was seen before: unique keys cost one map update each, and many
 * records under one `ind` cost one key each, never a quadratic scan.
 *
 * @example
 * const isDuplicate = createDuplicateFilter("user");
 * isDuplicate(user); // false
 * isDuplicate({ ...user, date_joined: new Date(user.date_joined!) }); // true
 */
export function createDuplicateFilter<T extends TableName>(table: T): (record: CleanRecordOf<T>) => boolean {
  const contentKey = CONTENT_KEYS[table] as (record: CleanRecordOf<T>) => string;
  // Per ind: the first record seen (its key not yet computed), then the set of content keys.
  const seen = new Map<number, CleanRecordOf<T> | Set<string>>();
  return (record) => {
    const entry = seen.get(record.ind);
    if (entry === undefined) {
      seen.set(record.ind, record);
      return false;
    }
    const key = contentKey(record);
    if (entry instanceof Set) {
      if (entry.has(key)) return true;
      entry.add(key);
      return false;
    }
    const firstKey = contentKey(entry);
    if (firstKey === key) {
      seen.set(record.ind, new Set([key]));
      return true;
    }
    seen.set(record.ind, new Set([firstKey, key]));
    return false;
  };
}
