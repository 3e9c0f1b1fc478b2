import fc from "fast-check";
import { DEFAULT_PLACEHOLDERS, formatFollowerCount } from "../../src/index";

const blank = fc.constantFrom("", " ", "\u00a0", "\t\n", " \u00a0 ");

/** A string column value as producers send it: text (often ending in U+00A0), a placeholder, blank or null. */
export function rawText(placeholders: readonly string[]): fc.Arbitrary<string | null> {
  const options: fc.Arbitrary<string | null>[] = [
    fc.string({ minLength: 1 }),
    fc.string({ minLength: 1, unit: "grapheme" }).map((s) => `${s}\u00a0`),
    blank,
    fc.constant(null),
  ];
  if (placeholders.length > 0) options.push(fc.constantFrom(...placeholders));
  return fc.oneof(...options);
}

/** Follower counts in every form producers send, plus garbage. */
export const rawFollowerCount: fc.Arbitrary<unknown> = fc.oneof(
  fc.maxSafeNat().map((n) => formatFollowerCount(n)),
  fc.maxSafeNat().map((n) => n.toLocaleString("en-US")),
  fc.maxSafeNat(),
  fc.constant("User Info Error"),
  fc.constant(null),
  fc.string(),
  fc.double(),
);

const key = fc.oneof(fc.maxSafeNat(), fc.nat(20));

/** A pin record shaped like the producers' rows, with realistic and hostile-but-typed values. */
export const rawPinRecord = fc.record(
  {
    index: key,
    unique_id: fc.oneof(fc.uuid(), rawText([])),
    title: rawText(DEFAULT_PLACEHOLDERS.title),
    description: rawText(DEFAULT_PLACEHOLDERS.description),
    poster_name: rawText(DEFAULT_PLACEHOLDERS.poster_name),
    follower_count: rawFollowerCount,
    tag_list: rawText(DEFAULT_PLACEHOLDERS.tag_list),
    is_image_or_video: fc.oneof(
      fc.constantFrom("image", "video", "multi-video(story page format)"),
      rawText([]),
    ),
    image_src: rawText(DEFAULT_PLACEHOLDERS.image_src),
    downloaded: fc.constantFrom(0, 1, null),
    save_location: fc.oneof(
      fc.string().map((s) => `Local save in ${s}`),
      fc.constantFrom("Local save in /data/art", "/data/travel"),
      rawText([]),
    ),
    category: fc.oneof(fc.constantFrom("art", "travel", "quotes"), rawText([])),
  },
  { requiredKeys: ["index"] },
);

const naiveTimestamp = fc
  .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 19).replace("T", " "));

/** A timestamp column value: naive producer strings, ISO strings, impossible dates, garbage. */
export const rawTimestamp: fc.Arbitrary<unknown> = fc.oneof(
  naiveTimestamp,
  naiveTimestamp.map((t) => `${t.replace(" ", "T")}Z`),
  fc.constantFrom("2021-02-30 10:00:00", "2021-01-01 24:00:00", ""),
  fc.constant(null),
  fc.string(),
  fc.integer(),
);

const coordinate = fc.oneof(fc.double({ min: -200, max: 200 }), fc.double(), fc.constant(null), fc.string());

/** A geolocation record shaped like the producers' rows. */
export const rawGeoRecord = fc.record(
  {
    ind: key,
    timestamp: rawTimestamp,
    latitude: coordinate,
    longitude: coordinate,
    country: rawText([]),
  },
  { requiredKeys: ["ind"] },
);

/** A user record shaped like the producers' rows. */
export const rawUserRecord = fc.record(
  {
    ind: key,
    first_name: rawText([]),
    last_name: rawText([]),
    age: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.constant(null), fc.string()),
    date_joined: rawTimestamp,
  },
  { requiredKeys: ["ind"] },
);

/** An object with the given keys holding arbitrary JSON values (each key possibly absent). */
export function recordOfJsonValues(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue()])), { requiredKeys: [] });
}

/** Any JSON value, or a JSON object text parsed with hostile keys in it. */
export const anyJsonInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc
    .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), fc.jsonValue(), fc.jsonValue())
    .map(([hostile, inner, rest]) =>
      JSON.parse(
        `{"ind": 1, "index": 2, "${hostile}": ${JSON.stringify({ polluted: inner })}, "x": ${JSON.stringify(rest ?? null)}}`,
      ),
    ),
);
