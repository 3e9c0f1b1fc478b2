import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";
import fc from "fast-check";
import type { CleanTables } from "../../src/index";

// Tiny domains so ties, shared inds, duplicates and nulls are common. The strings include
// uppercase and characters beyond U+FFFF / above U+E000 to check that both sides sort by code point.
const NAMES = ["art", "Art", "travel", "\uFF21", "\u{1F600}"];
const name = fc.option(fc.constantFrom(...NAMES), { freq: 5 });
const filler = fc.option(fc.constantFrom("x", "y"), { freq: 3 });
// Mostly dense inds, sometimes one beyond int32 so the sparse join index is exercised too.
const ind = fc.oneof(
  { weight: 9, arbitrary: fc.integer({ min: 0, max: 6 }) },
  { weight: 1, arbitrary: fc.constant(5_000_000_000) },
);
const followerCount = fc.option(fc.constantFrom(0, 1, 2, 5, 7, 1000, 15_000_000), { freq: 5 });

/** Instants around the years the queries cut at (second precision, UTC), boundaries included. */
function instant(firstYear: number, lastYear: number): fc.Arbitrary<Date | null> {
  const boundary = fc
    .integer({ min: firstYear, max: lastYear + 1 })
    .chain((year) => fc.constantFrom(Date.UTC(year, 0, 1), Date.UTC(year, 0, 1) - 1000));
  const inside = fc
    .integer({ min: Date.UTC(firstYear, 0, 1) / 1000, max: Date.UTC(lastYear + 1, 0, 1) / 1000 })
    .map((s) => s * 1000);
  return fc.option(
    fc.oneof(boundary, inside).map((ms) => new Date(ms)),
    { freq: 6 },
  );
}

const pin: fc.Arbitrary<CleanPin> = fc.record({
  ind,
  unique_id: filler,
  title: filler,
  description: fc.constant(null),
  follower_count: followerCount,
  poster_name: name,
  tag_list: fc.constant(null),
  is_image_or_video: fc.constantFrom("image", "video"),
  image_src: fc.constant(null),
  save_location: fc.constant(null),
  category: name,
});

const geo: fc.Arbitrary<CleanGeo> = fc.record({
  ind,
  country: name,
  coordinates: fc.option(fc.constantFrom<[number, number]>([1.5, 2], [-3, 4.25]), { freq: 3 }),
  timestamp: instant(2017, 2022),
});

const user: fc.Arbitrary<CleanUser> = fc.record({
  ind,
  user_name: filler,
  age: fc.option(fc.constantFrom(12, 17, 18, 24, 25, 35, 36, 50, 51, 70), { freq: 6 }),
  date_joined: instant(2014, 2020),
});

/** Some records, then exact copies of some of them (the duplicates `dedupe` removes). */
function withCopies<Row>(row: fc.Arbitrary<Row>): fc.Arbitrary<Row[]> {
  return fc
    .tuple(fc.array(row, { maxLength: 14 }), fc.array(fc.nat(), { maxLength: 5 }))
    .map(([rows, copies]) =>
      rows.length === 0 ? rows : [...rows, ...copies.map((at) => ({ ...rows[at % rows.length]! }))],
    );
}

/**
 * Small clean pin, geo and user tables for property tests: a handful of inds, categories,
 * countries and posters, frequent nulls, exact duplicate records, and dates on both sides of the
 * queries' year boundaries.
 *
 * @example
 * fc.assert(fc.property(cleanTablesArbitrary, (tables) => tables.pin.every((p) => p.ind >= 0)));
 */
export const cleanTablesArbitrary: fc.Arbitrary<CleanTables> = fc.record({
  pin: withCopies(pin),
  geo: withCopies(geo),
  user: withCopies(user),
});
