/**
 * Raw columns that carry strings, and so may carry placeholders.
 *
 * @example
 * const column: PlaceholderColumn = "poster_name";
 */
export type PlaceholderColumn =
  | "unique_id"
  | "title"
  | "description"
  | "poster_name"
  | "follower_count"
  | "tag_list"
  | "is_image_or_video"
  | "image_src"
  | "save_location"
  | "category"
  | "country"
  | "timestamp"
  | "first_name"
  | "last_name"
  | "date_joined";

/**
 * Placeholder strings per raw column: exact values (compared byte for byte, case-sensitive) that
 * mean "no data" and become `null` with a `placeholder` issue.
 *
 * @example
 * const extra: PlaceholderDictionary = { country: ["Unknown"] };
 */
export type PlaceholderDictionary = { readonly [column in PlaceholderColumn]?: readonly string[] };

/**
 * The placeholders producers are known to send (measured on the reference Pinterest data), per raw
 * column. On top of these, an empty or blank-only string is a placeholder in every column. Columns
 * without known placeholders list none. Frozen; override or extend it through `CleanOptions`.
 *
 * @example
 * DEFAULT_PLACEHOLDERS.follower_count; // ["User Info Error"]
 * cleanPin(raw, { placeholders: { title: [...DEFAULT_PLACEHOLDERS.title, "N/A"] } });
 */
export const DEFAULT_PLACEHOLDERS: { readonly [column in PlaceholderColumn]: readonly string[] } =
  Object.freeze({
    unique_id: Object.freeze([]),
    title: Object.freeze(["No Title Data Available", "Untitled"]),
    description: Object.freeze([
      "No description available Story format",
      "No description available",
      "Untitled",
    ]),
    poster_name: Object.freeze(["User Info Error"]),
    follower_count: Object.freeze(["User Info Error"]),
    tag_list: Object.freeze(["N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"]),
    is_image_or_video: Object.freeze([]),
    image_src: Object.freeze(["Image src error."]),
    save_location: Object.freeze([]),
    category: Object.freeze([]),
    country: Object.freeze([]),
    timestamp: Object.freeze([]),
    first_name: Object.freeze([]),
    last_name: Object.freeze([]),
    date_joined: Object.freeze([]),
  });
