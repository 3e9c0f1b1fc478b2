import type { Prng } from "./createPrng";

/** The kinds of bad or hostile value the generator injects into dirty posts. */
export type PostDefectKind =
  | "follower_count_odd_string"
  | "follower_count_number"
  | "impossible_date"
  | "malformed_date"
  | "coordinates_out_of_range"
  | "missing_field"
  | "wrong_type"
  | "null_field"
  | "hostile_key"
  | "unkeyable";

/** What was injected into a dirty post: the kind, the record it went into and the field it touched. */
export interface PostDefect {
  readonly kind: PostDefectKind;
  readonly table: "pin" | "geo" | "user";
  readonly field: string;
}

/** A post's three raw records as mutable bags of fields, for injection. */
export interface MutablePostRecords {
  readonly pin: Record<string, unknown>;
  readonly geo: Record<string, unknown>;
  readonly user: Record<string, unknown>;
}

/**
 * Every defect kind, each equally likely in a dirty post. Exactly what each injects (one change to
 * one record; the other two records of the post stay clean):
 *
 * - `follower_count_odd_string`: pin `follower_count` becomes one of `"1.5k"`, `"1,234"`, `"-5"`,
 *   `"abc"`, `""`, `"12kk"`, `"2.5M"`, `"NaN"`.
 * - `follower_count_number`: pin `follower_count` becomes a JSON number (integer 0..4,999,999).
 * - `impossible_date`: geo `timestamp` or user `date_joined` keeps the `YYYY-MM-DD HH:MM:SS` shape but
 *   names no real instant (`YYYY-02-30`, `YYYY-04-31`, month 13 or 00, `2019-02-29`, hour 24, minute 60).
 * - `malformed_date`: the same fields become `"2021/02/03 10:00:00"`, `"2021-02-03T10:00:00Z"`,
 *   `"yesterday"`, `""` or `"1614000000"`.
 * - `coordinates_out_of_range`: geo `latitude` beyond ±90 or `longitude` beyond ±180 (up to ±999).
 * - `missing_field`: one non-key field is deleted (any pin field except `index` and the optional
 *   `downloaded`; any geo or user field except `ind`).
 * - `wrong_type`: pin `title` or `unique_id` a number, pin `category` a number, user `age` a numeric
 *   string, user `first_name` a number, geo `latitude` a numeric string, geo `country` a number.
 * - `null_field`: a field the raw schema does not allow to be null becomes `null` (pin `unique_id`;
 *   geo `timestamp`, `latitude`, `country`; user `first_name`, `age`, `date_joined`).
 * - `hostile_key`: an own enumerable `__proto__` key (value `{"polluted": true}`) or `constructor`
 *   key (value `{"prototype": {"polluted": true}}`) is added to one record, so it appears as a plain
 *   key in the serialized JSON line.
 * - `unkeyable`: the record's key (`index` of pin, `ind` of geo or user) is deleted, negative, or
 *   fractional.
 *
 * @example
 * POST_DEFECT_KINDS.length; // 10
 */
export const POST_DEFECT_KINDS: readonly PostDefectKind[] = [
  "follower_count_odd_string",
  "follower_count_number",
  "impossible_date",
  "malformed_date",
  "coordinates_out_of_range",
  "missing_field",
  "wrong_type",
  "null_field",
  "hostile_key",
  "unkeyable",
];

type Table = PostDefect["table"];

const ODD_FOLLOWER_COUNTS = ["1.5k", "1,234", "-5", "abc", "", "12kk", "2.5M", "NaN"];
const MALFORMED_DATES = ["2021/02/03 10:00:00", "2021-02-03T10:00:00Z", "yesterday", "", "1614000000"];
const DATE_FIELDS: readonly (readonly [Table, string])[] = [
  ["geo", "timestamp"],
  ["user", "date_joined"],
];
const MISSABLE_FIELDS: readonly (readonly [Table, string])[] = [
  ...[
    "unique_id",
    "title",
    "description",
    "poster_name",
    "follower_count",
    "tag_list",
    "is_image_or_video",
    "image_src",
    "save_location",
    "category",
  ].map((f) => ["pin", f] as const),
  ...["timestamp", "latitude", "longitude", "country"].map((f) => ["geo", f] as const),
  ...["first_name", "last_name", "age", "date_joined"].map((f) => ["user", f] as const),
];
const NON_NULLABLE_FIELDS: readonly (readonly [Table, string])[] = [
  ["pin", "unique_id"],
  ["geo", "timestamp"],
  ["geo", "latitude"],
  ["geo", "country"],
  ["user", "first_name"],
  ["user", "age"],
  ["user", "date_joined"],
];
const WRONG_TYPES: readonly (readonly [Table, string, (value: unknown, prng: Prng) => unknown])[] = [
  ["pin", "title", (_, prng) => prng.nextInt(100_000)],
  ["pin", "unique_id", (_, prng) => prng.nextInt(100_000)],
  ["pin", "category", (_, prng) => prng.nextInt(13)],
  ["user", "age", (value) => String(value)],
  ["user", "first_name", (_, prng) => prng.nextInt(1000)],
  ["geo", "latitude", (value) => String(value)],
  ["geo", "country", (_, prng) => prng.nextInt(250)],
];
const KEY_FIELD: Readonly<Record<Table, string>> = { pin: "index", geo: "ind", user: "ind" };
const TABLES: readonly Table[] = ["pin", "geo", "user"];

const pick = <T>(prng: Prng, list: readonly T[]): T => list[prng.nextInt(list.length)]!;
const pad2 = (n: number): string => String(n).padStart(2, "0");

function impossibleDate(prng: Prng): string {
  const year = 2015 + prng.nextInt(8);
  switch (prng.nextInt(6)) {
    case 0:
      return `${year}-02-30 10:00:00`;
    case 1:
      return `${year}-04-31 ${pad2(prng.nextInt(24))}:15:00`;
    case 2:
      return `${year}-${pick(prng, ["13", "00"])}-12 08:30:00`;
    case 3:
      return "2019-02-29 12:00:00";
    case 4:
      return `${year}-06-15 24:00:00`;
    default:
      return `${year}-06-15 12:60:00`;
  }
}

function outOfRange(prng: Prng, limit: number): number {
  const magnitude = limit + 0.0001 + Math.round(prng.nextFloat() * (999 - limit) * 10_000) / 10_000;
  return prng.nextFloat() < 0.5 ? -magnitude : magnitude;
}

/**
 * Injects one defect of a uniformly drawn {@link POST_DEFECT_KINDS} kind into a post's records (in
 * place) and reports what it did.
 *
 * @example
 * const post = { pin: { index: 1, title: "Hi" }, geo: { ind: 1 }, user: { ind: 1 } };
 * injectDefect(post, createPrng(3)); // e.g. { kind: "unkeyable", table: "geo", field: "ind" }
 */
export function injectDefect(post: MutablePostRecords, prng: Prng): PostDefect {
  const kind = pick(prng, POST_DEFECT_KINDS);
  switch (kind) {
    case "follower_count_odd_string":
      post.pin.follower_count = pick(prng, ODD_FOLLOWER_COUNTS);
      return { kind, table: "pin", field: "follower_count" };
    case "follower_count_number":
      post.pin.follower_count = prng.nextInt(5_000_000);
      return { kind, table: "pin", field: "follower_count" };
    case "impossible_date":
    case "malformed_date": {
      const [table, field] = pick(prng, DATE_FIELDS);
      post[table][field] = kind === "impossible_date" ? impossibleDate(prng) : pick(prng, MALFORMED_DATES);
      return { kind, table, field };
    }
    case "coordinates_out_of_range": {
      const field = prng.nextFloat() < 0.5 ? "latitude" : "longitude";
      post.geo[field] = outOfRange(prng, field === "latitude" ? 90 : 180);
      return { kind, table: "geo", field };
    }
    case "missing_field": {
      const [table, field] = pick(prng, MISSABLE_FIELDS);
      delete post[table][field];
      return { kind, table, field };
    }
    case "wrong_type": {
      const [table, field, retype] = pick(prng, WRONG_TYPES);
      post[table][field] = retype(post[table][field], prng);
      return { kind, table, field };
    }
    case "null_field": {
      const [table, field] = pick(prng, NON_NULLABLE_FIELDS);
      post[table][field] = null;
      return { kind, table, field };
    }
    case "hostile_key": {
      const table = pick(prng, TABLES);
      const field = prng.nextFloat() < 0.5 ? "__proto__" : "constructor";
      // defineProperty makes an own, enumerable key; plain assignment to __proto__ would set the prototype.
      Object.defineProperty(post[table], field, {
        value: field === "__proto__" ? { polluted: true } : { prototype: { polluted: true } },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { kind, table, field };
    }
    case "unkeyable": {
      const table = pick(prng, TABLES);
      const field = KEY_FIELD[table];
      const how = prng.nextInt(3);
      if (how === 0) delete post[table][field];
      else post[table][field] = how === 1 ? -1 - prng.nextInt(1000) : prng.nextInt(1000) + 0.5;
      return { kind, table, field };
    }
  }
}
