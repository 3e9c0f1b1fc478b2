import type { AnalyticsTables } from "../analyticsTables";
import { compareSqlText } from "./compareSqlText";
import { groupBy } from "./groupBy";
import { maxPerGroup } from "./maxPerGroup";
import { QueryContext } from "./queryContext";
import { type QueryOptions, type ResolvedQueryOptions, resolveQueryOptions } from "./queryOptions";
import { sortedGroupLabels } from "./sortedGroupLabels";
import { topPerPartition } from "./topPerPartition";

/** A row of q3. */
export interface Q3Row {
  readonly country: string | null;
  readonly poster_name: string | null;
  readonly follower_count: number;
}

/** A row of q3_top. */
export interface Q3TopRow {
  readonly country: string | null;
  readonly follower_count: number;
}

/**
 * q3, the user with the most followers per country. Over pin ⋈ geo (inner join on `ind`), rows
 * with a null `follower_count` are ignored; each (country, poster_name) gets its maximum follower
 * count, so a poster appears at most once per country; null countries and null poster names are
 * groups of their own. Each country keeps the poster(s) with the highest count: every tie with
 * `ties: "all"`, the smallest poster name (code point order, null last) with `"first"`. Rows
 * ordered by country, then poster name, nulls last.
 *
 * @example
 * q3(tables); // [{ country: "Chad", poster_name: "Bored Panda", follower_count: 2000000 }, …]
 */
export function q3(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q3Row[] {
  const { ties } = resolveQueryOptions(options);
  const context = QueryContext.of(source);
  const keys = [context.key("pinGeo", "country"), context.key("pinGeo", "posterName")] as const;
  const grouping = groupBy(context.rowCount("pinGeo"), keys);
  // max ignores nulls; a group with only null counts gets NaN, which can never win.
  const maxima = maxPerGroup(grouping, context.followerCount("pinGeo"));
  const [countryOfGroup, posterOfGroup] = grouping.keyCodes as [Int32Array, Int32Array];
  const winners = topPerPartition(countryOfGroup, keys[0].size, maxima, ties, (groupA, groupB) =>
    keys[1].compare(posterOfGroup[groupA]!, posterOfGroup[groupB]!),
  );
  return sortedGroupLabels(grouping, keys, winners).map(({ group, labels: [country, poster_name] }) => ({
    country: country as string | null,
    poster_name: poster_name as string | null,
    follower_count: maxima[group]!,
  }));
}

/**
 * q3_top, the country whose top user has the most followers: among q3's countries, those with the
 * highest `follower_count` (all tied countries with `ties: "all"`, the smallest country name, null
 * last, with `"first"`), ordered by country. Same joins and null rules as {@link q3}.
 *
 * @example
 * q3Top(tables); // [{ country: "Chad", follower_count: 2000000 }]
 */
export function q3Top(source: AnalyticsTables | QueryContext, options?: QueryOptions): Q3TopRow[] {
  const resolved = resolveQueryOptions(options);
  return topCountries(q3(source, resolved), resolved.ties);
}

/**
 * q3_top from q3's rows (whichever `ties` they were made with: every country's top count is the
 * same either way), so `runQueries` need not group twice.
 *
 * @example
 * topCountries([{ country: "b", poster_name: "x", follower_count: 9 }, { country: "a", poster_name: "y", follower_count: 9 }], "first");
 * // [{ country: "a", follower_count: 9 }]
 */
export function topCountries(rows: readonly Q3Row[], ties: ResolvedQueryOptions["ties"]): Q3TopRow[] {
  let best = Number.NEGATIVE_INFINITY;
  for (const row of rows) best = Math.max(best, row.follower_count);
  const countries = [...new Set(rows.filter((row) => row.follower_count === best).map((row) => row.country))];
  countries.sort(compareSqlText);
  return countries.slice(0, ties === "first" ? 1 : countries.length).map((country) => ({
    country,
    follower_count: best,
  }));
}
