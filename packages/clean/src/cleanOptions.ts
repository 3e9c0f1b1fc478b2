import { PlaceholderSet } from "./placeholderSet";
import { DEFAULT_PLACEHOLDERS, type PlaceholderColumn, type PlaceholderDictionary } from "./placeholders";

/**
 * Options of the record cleaners.
 *
 * `placeholders` replaces the placeholder list of each column it names (other columns keep
 * {@link DEFAULT_PLACEHOLDERS}); to extend a default list, spread it. Empty and blank strings stay
 * placeholders whatever the lists say. Lists are read once per options object and cached, so treat
 * them as immutable. Malformed entries (a list that is not an array, non-string items) are ignored.
 *
 * @example
 * const options: CleanOptions = { placeholders: { title: [...DEFAULT_PLACEHOLDERS.title, "N/A"], category: [] } };
 * cleanPin(raw, options);
 */
export interface CleanOptions {
  readonly placeholders?: PlaceholderDictionary | undefined;
}

/**
 * One {@link PlaceholderSet} per column, ready for lookups.
 *
 * @example
 * resolvePlaceholders(undefined).title.matches("Untitled"); // true
 */
export type ResolvedPlaceholders = { readonly [column in PlaceholderColumn]: PlaceholderSet };

/**
 * Builds the sets. A literal with fixed keys (not a loop filling `Object.create(null)`) keeps the
 * result a fast-mode object, so the cleaners' per-record lookups are plain field loads.
 */
function compile(overrides: Readonly<Record<string, unknown>>): ResolvedPlaceholders {
  // Only own, known columns are read: hostile keys in the options are never looked at.
  const set = (column: PlaceholderColumn) => {
    const override = Object.hasOwn(overrides, column) ? overrides[column] : undefined;
    return new PlaceholderSet(Array.isArray(override) ? override : DEFAULT_PLACEHOLDERS[column]);
  };
  return Object.freeze({
    unique_id: set("unique_id"),
    title: set("title"),
    description: set("description"),
    poster_name: set("poster_name"),
    follower_count: set("follower_count"),
    tag_list: set("tag_list"),
    is_image_or_video: set("is_image_or_video"),
    image_src: set("image_src"),
    save_location: set("save_location"),
    category: set("category"),
    country: set("country"),
    timestamp: set("timestamp"),
    first_name: set("first_name"),
    last_name: set("last_name"),
    date_joined: set("date_joined"),
  });
}

const DEFAULT_RESOLVED = compile({});
const cache = new WeakMap<object, ResolvedPlaceholders>();

/**
 * The placeholder sets that apply under `options`: the defaults when none are given, otherwise the
 * defaults with the given columns replaced (compiled once per `placeholders` object). Never throws.
 *
 * @example
 * resolvePlaceholders({ placeholders: { country: ["Unknown"] } }).country.matches("Unknown"); // true
 */
export function resolvePlaceholders(options: CleanOptions | undefined): ResolvedPlaceholders {
  return options === undefined ? DEFAULT_RESOLVED : resolveGivenPlaceholders(options);
}

function resolveGivenPlaceholders(options: CleanOptions): ResolvedPlaceholders {
  if (typeof options !== "object" || options === null) return DEFAULT_RESOLVED;
  const overrides: unknown = options.placeholders;
  if (typeof overrides !== "object" || overrides === null) return DEFAULT_RESOLVED;
  let resolved = cache.get(overrides);
  if (resolved === undefined) {
    resolved = compile(overrides as Readonly<Record<string, unknown>>);
    cache.set(overrides, resolved);
  }
  return resolved;
}
