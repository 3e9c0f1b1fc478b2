import fc from "fast-check";
import type { RawTableName } from "../../src/index";

/** A number written exactly as given, for literals whose text and parsed value tell different stories. */
class NumberText {
  constructor(readonly text: string) {}
}

/** A JSON member value before serialization: scalars, or a nested value the scanner must refuse. */
type RawValue = string | number | boolean | null | NumberText | { nested: RawValue } | RawValue[];

const whitespace = fc.constantFrom("", "", "", " ", "  ", "\t", "\r", " \t ");

/** Strings that exercise placeholders, blanks, trimming, non-ASCII and characters JSON must escape. */
const text = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "art",
      "travel",
      "Bored Panda",
      "Chad",
      "Adam",
      "image",
      "Local save in /data/art",
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "User Info Error",
      "No Title Data Available",
      "Untitled",
      "No description available",
      "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
      "Image src error.",
      "",
      " ",
      "\u00a0",
      "\u3000 \ufeff",
      " Ada ",
      "Ada\u00a0",
      "\u00c9lodie",
      "Local save in ",
      "Local save in Local save in /data/x",
      "/data/art",
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('quote " inside', "back\\slash", "tab\tline\nbreak", "\u0000", "\ud800"),
  },
);

const followerCount = fc.oneof(
  fc.constantFrom(
    "2M",
    "229k",
    "942k",
    "5",
    "15M",
    "1.5k",
    "1,234",
    "1,23",
    "12kk",
    "-5",
    "abc",
    "2.5M",
    "NaN",
    " 12k ",
    "1.2345k",
    "3B",
    "0",
  ),
  fc.integer({ min: -5, max: 5_000_000 }),
  fc.constantFrom(1.5, 1e21, -0, 2 ** 53),
  text,
);

const timestampText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date("1999-01-01"), max: new Date("2025-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 19).replace("T", " ")),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom(" ", "T", "/"),
      )
      .map(([y, mo, d, h, mi, s, sep]) => {
        const pad = (n: number, w = 2) => String(n).padStart(w, "0");
        return `${pad(y, 4)}-${pad(mo)}-${pad(d)}${sep}${pad(h)}:${pad(mi)}:${pad(s)}`;
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "2021-02-03T10:00:00Z",
      "2021-02-03 10:00:00.123",
      "2021/02/03 10:00:00",
      "yesterday",
      "",
      "1614000000",
      "2019-02-29 10:00:00",
      "2020-02-29 23:59:59",
    ),
  },
);

const key = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom<RawValue>(-1, 1.5, 2 ** 53, "7", null, true, -0, 3.0, 1e2) },
  // Key texts: some parse to a valid key without denoting an integer exactly (1e-400 → 0), some do
  // denote one in another spelling (1e2, 1.0, -0), some pass the plain-digit fast path's length.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        "1e-400",
        "0e-400",
        "-0",
        "-0.0",
        "1e2",
        "1E+2",
        "1.0",
        "0.1e1",
        "1.5",
        "5e-324",
        "1.00000000000000001",
        "4503599627370495.5",
        "9007199254740990.9",
        "9007199254740991",
        "9007199254740992",
        "9007199254740993",
        "1234567890123456",
        "123456789012345",
      )
      .map((text) => new NumberText(text)),
  },
);

const number = fc.oneof(
  fc.integer({ min: -200, max: 200 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.constantFrom(90, -90, 180, -180, 90.0001, Number.POSITIVE_INFINITY),
);

/** Any value at all, for wrong-type defects. */
const anyValue: fc.Arbitrary<RawValue> = fc.oneof(
  text,
  number,
  fc.boolean(),
  fc.constant(null),
  fc.constant<RawValue>({ nested: 1 }),
  fc.constant<RawValue>([1, "a"]),
);

/** A field that is usually of its proper kind, sometimes missing (undefined) or of any other kind. */
function field(proper: fc.Arbitrary<RawValue>): fc.Arbitrary<RawValue | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: proper },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: anyValue },
  );
}

const pinRecord = fc.record({
  index: fc.oneof({ weight: 9, arbitrary: key }, { weight: 1, arbitrary: fc.constant(undefined) }),
  ind: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: key }),
  unique_id: field(text),
  title: field(text),
  description: field(text),
  poster_name: field(text),
  follower_count: field(followerCount),
  tag_list: field(text),
  is_image_or_video: field(fc.constantFrom("image", "video", "multi-video(story page format)")),
  image_src: field(text),
  downloaded: field(fc.constantFrom(0, 1)),
  save_location: field(text),
  category: field(text),
});

const geoRecord = fc.record({
  ind: field(key),
  timestamp: field(timestampText),
  latitude: field(number),
  longitude: field(number),
  country: field(text),
});

const userRecord = fc.record({
  ind: field(key),
  first_name: field(text),
  last_name: field(text),
  age: field(fc.oneof(fc.integer({ min: -3, max: 160 }), fc.constantFrom(20.5, 1e3, 40.0))),
  date_joined: field(timestampText),
});

/** Extra members: unknown keys, hostile keys, a repeated key (JSON.parse keeps the last). */
const extraMembers = fc.array(
  fc.tuple(
    fc.constantFrom("extra", "__proto__", "constructor", "prototype", "ind", "index", "country", "age"),
    anyValue,
  ),
  { maxLength: 2 },
);

const encoder = new TextEncoder();

/** Serializes a string with random (valid) escapes, so the scanner meets escaped strings too. */
function quote(value: string, escapeAll: boolean): string {
  const json = JSON.stringify(value);
  if (!escapeAll) return json;
  return json.replace(/[a-z]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function serializeValue(value: RawValue, escapeAll: boolean): string {
  if (typeof value === "string") return quote(value, escapeAll);
  if (value instanceof NumberText) return value.text;
  if (typeof value === "number" && !Number.isFinite(value)) return "1e400";
  if (Object.is(value, -0)) return "-0";
  return JSON.stringify(value);
}

/** One raw line as bytes: a record written with random layout, or a malformed variant. */
function line(record: fc.Arbitrary<Record<string, RawValue | undefined>>): fc.Arbitrary<Uint8Array> {
  const written = fc
    .tuple(record, extraMembers, whitespace, whitespace, fc.boolean(), fc.nat({ max: 20 }))
    .map(([fields, extra, outer, inner, shuffle, escapeEvery]) => {
      const members: string[] = [];
      const entries: [string, RawValue | undefined][] = [...Object.entries(fields), ...extra];
      if (shuffle) entries.reverse();
      entries.forEach(([name, value], i) => {
        if (value === undefined) return;
        members.push(
          `${quote(name, escapeEvery === 1 && i === 0)}${inner}:${inner}${serializeValue(value, escapeEvery === 2)}`,
        );
      });
      return encoder.encode(`${outer}{${inner}${members.join(`,${inner}`)}${inner}}${outer}`);
    });
  const broken = fc.oneof(
    fc.tuple(written, fc.nat()).map(([bytes, cut]) => bytes.subarray(0, cut % Math.max(bytes.length, 1))),
    fc.tuple(written, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([bytes, at, byte]) => {
      const copy = bytes.slice();
      if (copy.length > 0) copy[at % copy.length] = byte === 0x0a ? 0x80 : byte;
      return copy;
    }),
    fc
      .constantFrom("[1, 2]", '"text"', "42", "null", "{}", "{} {}", "{,}", '{"ind": 1,}', "   ", "\t")
      .map((t) => encoder.encode(t)),
  );
  return fc.oneof({ weight: 8, arbitrary: written }, { weight: 2, arbitrary: broken });
}

const LINE_ARBITRARIES = {
  pin: line(pinRecord),
  geo: line(geoRecord),
  user: line(userRecord),
} as const;

/**
 * Raw NDJSON lines of one table (as bytes, never containing `\n`): mostly records in the real
 * shape with random layout, dirty values, missing and extra members, escapes and non-ASCII, plus
 * truncated lines, flipped bytes, non-objects and blank lines.
 */
export function rawLines(table: RawTableName, maxLength = 40): fc.Arbitrary<Uint8Array[]> {
  return fc.array(LINE_ARBITRARIES[table], { maxLength });
}

/** A table name. */
export const tableName = fc.constantFrom<RawTableName>("pin", "geo", "user");

/** Joins lines into one NDJSON byte stream, optionally with a byte order mark and a final newline. */
export function joinLines(lines: readonly Uint8Array[], finalNewline: boolean, bom = false): Uint8Array {
  const length = lines.reduce((sum, l) => sum + l.length + 1, 0) + (bom ? 3 : 0);
  const out = new Uint8Array(length);
  let at = 0;
  if (bom) {
    out.set([0xef, 0xbb, 0xbf]);
    at = 3;
  }
  for (const l of lines) {
    out.set(l, at);
    at += l.length;
    out[at++] = 0x0a;
  }
  return finalNewline ? out : out.subarray(0, Math.max(0, out.length - 1));
}

/** Cuts bytes into chunks at the given (sorted, deduplicated) positions. */
export function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const positions = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const p of positions) {
    chunks.push(bytes.slice(start, p));
    start = p;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}
