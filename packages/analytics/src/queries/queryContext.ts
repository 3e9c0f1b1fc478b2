import type { AnalyticsTables } from "../analyticsTables";
import type { AgeGroup } from "./ageGroup";
import { ageGroupKey } from "./ageGroupKey";
import { dictionaryKey } from "./dictionaryKey";
import { gatherValues } from "./gatherValues";
import { innerJoin, type JoinedRows } from "./innerJoin";
import { buildJoinIndex } from "./joinIndex";
import { gatherKey, type LabeledKey } from "./labeledKey";
import { yearKey } from "./yearKey";

/**
 * The `timestamp` years q2 reports, inclusive.
 *
 * @example
 * POST_YEARS.first; // 2018
 */
export const POST_YEARS = { first: 2018, last: 2022 } as const;
/**
 * The `date_joined` years q6, q7 and q8 report, inclusive.
 *
 * @example
 * JOIN_YEARS.last; // 2020
 */
export const JOIN_YEARS = { first: 2015, last: 2020 } as const;

/** The grouping keys the queries use, with the type of their labels. */
export interface KeyLabels {
  category: string | null;
  posterName: string | null;
  country: string | null;
  postYear: number;
  ageGroup: AgeGroup;
  joinYear: number;
}

/** The two inner joins the queries read. */
export type JoinName = "pinGeo" | "pinUser";
/** The row sets the queries group: the two joins, and the user table on its own (q6). */
export type RowSet = JoinName | "user";
/**
 * A value a query reads from a {@link QueryContext}: a grouping key of a row set (`"pinGeo.country"`)
 * or a join's follower counts (`"pinUser.followers"`).
 */
export type ContextValue = `${RowSet}.${keyof KeyLabels}` | `${JoinName}.followers`;

type Table = "pin" | "geo" | "user";
const TABLE_OF_KEY: Readonly<Record<keyof KeyLabels, Table>> = {
  category: "pin",
  posterName: "pin",
  country: "geo",
  postYear: "geo",
  ageGroup: "user",
  joinYear: "user",
};

/**
 * What the eight queries share over one set of {@link AnalyticsTables}: the pin ⋈ geo and
 * pin ⋈ user inner joins on `ind`, the grouping keys and the follower counts laid out for those
 * joins, each built once, when a query first needs it, so `runQueries` pays for each a single time
 * and, with {@link QueryContext.retainOnly}, holds each only until the last query that reads it.
 *
 * @throws {RangeError} from the constructor when a column's length differs from its table's `length`.
 * @example
 * const context = new QueryContext(tables);
 * context.rowCount("pinGeo"); // number of joined pin-geo rows
 * context.key("user", "joinYear").labels[0]; // 2015
 */
export class QueryContext {
  readonly tables: AnalyticsTables;
  readonly #cache = new Map<string, unknown>();
  /** Row counts of the joins built so far, kept when their row pairs are dropped. */
  readonly #joinLengths = new Map<JoinName, number>();

  constructor(tables: AnalyticsTables) {
    assertColumnLengths(tables);
    this.tables = tables;
  }

  /**
   * The context itself, or a new one over plain tables: lets every query take either, so callers
   * running several queries over the same tables can share one context.
   *
   * @example
   * const context = QueryContext.of(tables);
   * QueryContext.of(context) === context; // true
   */
  static of(source: AnalyticsTables | QueryContext): QueryContext {
    return source instanceof QueryContext ? source : new QueryContext(source);
  }

  /** The pin-row / other-row pairs of one of the two inner joins on `ind`. */
  rows(join: JoinName): JoinedRows {
    return this.#memo(`${join}.rows`, () => {
      const { pin } = this.tables;
      const other = join === "pinGeo" ? this.tables.geo : this.tables.user;
      const joined = innerJoin(pin.ind, pin.length, buildJoinIndex(other.ind, other.length));
      this.#joinLengths.set(join, joined.length);
      return joined;
    });
  }

  /** How many rows a row set has. */
  rowCount(rowSet: RowSet): number {
    if (rowSet === "user") return this.tables.user.length;
    return this.#joinLengths.get(rowSet) ?? this.rows(rowSet).length;
  }

  /**
   * One grouping key per row of `rowSet`.
   *
   * @throws {Error} when the key's table is not part of the row set (e.g. `country` for `pinUser`).
   */
  key<Name extends keyof KeyLabels>(rowSet: RowSet, name: Name): LabeledKey<KeyLabels[Name]> {
    return this.#memo(`${rowSet}.${name}`, () => {
      const table = TABLE_OF_KEY[name];
      const source = this.#sourceKey(name);
      if (table === "pin" && rowSet !== "user") return gatherKey(source, this.rows(rowSet).left);
      if (rowSet === "user" && table === "user") return source;
      if ((rowSet === "pinGeo" && table === "geo") || (rowSet === "pinUser" && table === "user")) {
        return gatherKey(source, this.rows(rowSet).right);
      }
      throw new Error(`key ${name} is not available on row set ${rowSet}`);
    });
  }

  /** The pin `follower_count` of each joined row (`NaN` for null). */
  followerCount(join: JoinName): Float64Array {
    return this.#memo(`${join}.followers`, () =>
      gatherValues(this.tables.pin.followerCount, this.rows(join).left),
    );
  }

  /**
   * Drops every cached value except those in `needed` and what building the missing ones takes
   * (their join's row pairs, their key over its own table), so the memory of a join or key is
   * freed once no query left to run reads it. A dropped value is rebuilt if asked for again.
   *
   * @example
   * const country = context.key("pinGeo", "country");
   * context.retainOnly(["pinGeo.country", "pinUser.followers"]);
   * context.key("pinGeo", "country") === country; // true: kept
   * // the pin ⋈ user row pairs are kept too, to build pinUser.followers; everything else is dropped
   */
  retainOnly(needed: Iterable<ContextValue>): void {
    const keep = new Set<string>();
    for (const value of needed) {
      keep.add(value);
      if (this.#cache.has(value)) continue;
      const [rowSet, name] = value.split(".") as [RowSet, string];
      if (rowSet !== "user") keep.add(`${rowSet}.rows`);
      if (name !== "followers") keep.add(`source.${name}`);
    }
    for (const name of this.#cache.keys()) if (!keep.has(name)) this.#cache.delete(name);
  }

  /** A key over its own table's rows. */
  #sourceKey<Name extends keyof KeyLabels>(name: Name): LabeledKey<KeyLabels[Name]> {
    return this.#memo(`source.${name}`, (): LabeledKey<KeyLabels[keyof KeyLabels]> => {
      const { pin, geo, user, strings } = this.tables;
      switch (name) {
        case "category":
          return dictionaryKey(pin.category, pin.length, strings);
        case "posterName":
          return dictionaryKey(pin.posterName, pin.length, strings);
        case "country":
          return dictionaryKey(geo.country, geo.length, strings);
        case "postYear":
          return yearKey(geo.timestamp, geo.length, POST_YEARS.first, POST_YEARS.last);
        case "ageGroup":
          return ageGroupKey(user.age, user.length);
        default:
          return yearKey(user.dateJoined, user.length, JOIN_YEARS.first, JOIN_YEARS.last);
      }
    }) as LabeledKey<KeyLabels[Name]>;
  }

  #memo<Value>(name: string, build: () => Value): Value {
    if (!this.#cache.has(name)) this.#cache.set(name, build());
    return this.#cache.get(name) as Value;
  }
}

function assertColumnLengths(tables: AnalyticsTables): void {
  for (const [name, table] of Object.entries({ pin: tables.pin, geo: tables.geo, user: tables.user })) {
    for (const [column, values] of Object.entries(table)) {
      const actual = column === "length" ? table.length : (values as ArrayLike<number>).length;
      if (actual !== table.length) {
        throw new RangeError(`${name}.${column} has ${actual} values but ${name}.length is ${table.length}`);
      }
    }
  }
}
