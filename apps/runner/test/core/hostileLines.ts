import type { TableName } from "@pinpipe/clean";
import fc from "fast-check";

/** The line limit of the differential runs: every generated post line is shorter (under 900 bytes). */
export const LINE_LIMIT = 1024;

/** One hostile line to mix into a generated corpus. */
export interface HostileSpec {
  readonly table: TableName;
  readonly kind: number;
  readonly key: number;
  readonly slot: number;
  readonly text: string;
  readonly number: number;
  readonly pick: number;
  /** Where it goes among the table's lines (modulo their count + 1). */
  readonly at: number;
}

/** The fields of a well-formed raw record, as JSON texts; the first is the key. */
function baseFields(table: TableName, key: string): [string, string][] {
  if (table === "pin") {
    return [
      ["index", key],
      ["unique_id", '"fbe53c66-3442-4773-b19e-d3ec6f54dddf"'],
      ["title", '"A title"'],
      ["description", '"Some words"'],
      ["poster_name", '"Poster"'],
      ["follower_count", '"2k"'],
      ["tag_list", '"a,b"'],
      ["is_image_or_video", '"image"'],
      ["image_src", '"https://i.pinimg.com/x.jpg"'],
      ["downloaded", "1"],
      ["save_location", '"Local save in /data/art"'],
      ["category", '"art"'],
    ];
  }
  if (table === "geo") {
    return [
      ["ind", key],
      ["timestamp", '"2020-01-02 03:04:05"'],
      ["latitude", "1.5"],
      ["longitude", "-2.25"],
      ["country", '"Chad"'],
    ];
  }
  return [
    ["ind", key],
    ["first_name", '"Ada"'],
    ["last_name", '"Lovelace"'],
    ["age", "36"],
    ["date_joined", '"2016-02-29 08:00:00"'],
  ];
}

/** Fields a hostile value is put into, per table (never the key). */
const SLOTS: Readonly<Record<TableName, readonly string[]>> = {
  pin: ["title", "poster_name", "follower_count", "category", "save_location", "unique_id"],
  geo: ["country", "timestamp", "latitude", "longitude"],
  user: ["first_name", "last_name", "age", "date_joined"],
};

const objectText = (fields: readonly [string, string][], pad = " "): string =>
  `{${fields.map(([name, value]) => `${JSON.stringify(name)}:${pad}${value}`).join(`,${pad}`)}}`;

const INEXACT_KEYS = [
  "1e-400",
  "1.00000000000000001",
  "4503599627370495.5",
  "9007199254740993",
  "-0",
  "0e-400",
  "1e2",
  "-3",
  "1.5",
  '"7"',
  "null",
  "true",
] as const;
const NON_OBJECTS = [
  "[1,2]",
  '"a string"',
  "42",
  "null",
  "true",
  "[]",
  "{}",
  "-0",
  '[{"index": 1}]',
] as const;
const BLANKS = ["", "   ", "\t", "\r", " \t \r"] as const;
const ESCAPED = [
  '"a\\"b\\\\c\\u00e9\\n\\/\\ud83d\\ude00"',
  '"\\u00a0"',
  '"\\ud800"',
  '"\\u0000x"',
  '"\\t lead"',
  '"Local save in \\/data\\/art"',
  '"No Title Data Available"',
  '"User Info Error"',
] as const;
const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xe2, 0x82],
];

const utf8 = (text: string): Uint8Array => Buffer.from(text, "utf8");

/** The bytes of one hostile line (never holding a newline). */
export function hostileLine(spec: HostileSpec): Uint8Array {
  const { table, key, text, number, pick } = spec;
  const fields = baseFields(table, String(key));
  const slotName = SLOTS[table][spec.slot % SLOTS[table].length]!;
  const withSlot = (value: string) =>
    fields.map(([name, v]): [string, string] => [name, name === slotName ? value : v]);
  switch (spec.kind) {
    case 0: // a string value made of awkward characters (blank, U+00A0, non-ASCII-led, escapes)
      return utf8(objectText(withSlot(JSON.stringify(text))));
    case 1: // a number where a string is expected
      return utf8(objectText(withSlot(JSON.stringify(number))));
    case 2: // a key literal that is not exactly a non-negative integer, or is one written oddly
      return utf8(
        objectText([[fields[0]![0], INEXACT_KEYS[pick % INEXACT_KEYS.length]!], ...fields.slice(1)]),
      );
    case 3: // no key
      return utf8(objectText(fields.slice(1)));
    case 4: // a __proto__ or constructor key, before or after the key
      return utf8(
        objectText(
          pick % 2 === 0
            ? [["__proto__", '{"polluted": true}'], ...fields]
            : [...fields, ["constructor", '{"prototype": {"polluted": true}}']],
        ),
      );
    case 5: {
      // cut off
      const full = objectText(fields);
      return utf8(full.slice(0, 1 + (pick % (full.length - 1))));
    }
    case 6: {
      // invalid UTF-8 inside a string value, or after the object
      const bytes = INVALID_UTF8[pick % INVALID_UTF8.length]!;
      if (pick % 3 === 2) return Buffer.concat([utf8(objectText(fields)), Buffer.from(bytes)]);
      const [before, after] = objectText(withSlot('"\u0001SPLIT\u0001"')).split("\u0001SPLIT\u0001");
      return Buffer.concat([utf8(before!), Buffer.from(bytes), utf8(after!)]);
    }
    case 7: // JSON that is not an object
      return utf8(NON_OBJECTS[pick % NON_OBJECTS.length]!);
    case 8: // escapes, in a value or in the key's name
      if (pick % 3 === 0) {
        const escapedKey = table === "pin" ? "ind\\u0065x" : "i\\u006ed";
        return utf8(`{"${escapedKey}": ${key}${objectText(fields.slice(1)).replace(/^\{/, ", ")}`);
      }
      return utf8(objectText(withSlot(ESCAPED[pick % ESCAPED.length]!)));
    case 9: // longer than the line limit
      return utf8(objectText(withSlot(JSON.stringify("x".repeat(LINE_LIMIT + (pick % 300))))));
    case 10: // white space around a record, no space inside
      return utf8(`${pick % 2 === 0 ? "  " : "\t"}${objectText(fields, "")}${pick % 3 === 0 ? "\r" : " "}`);
    case 11: // a blank line
      return utf8(BLANKS[pick % BLANKS.length]!);
    case 12: // a raw control character inside a string (not JSON)
      return utf8(objectText(withSlot('"a\tb"')));
    case 13: // the key twice
      return utf8(objectText([...fields, [fields[0]![0], String(key + 1 + (pick % 5))]]));
    case 14: // a number beyond a double, or a nested value, where a value is expected
      return utf8(objectText(withSlot(pick % 2 === 0 ? "1e400" : '{"a": [1, {"b": null}]}')));
    default: // a byte order mark before the record
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(objectText(fields))]);
  }
}

export const HOSTILE_KINDS = 16;
/** The kind of {@link hostileLine} that opens with a UTF-8 byte order mark. */
export const BOM_KIND = 15;

const TEXT_UNITS = ["a", "Z", " ", "\u00a0", "é", "日", "\t", "\\", '"', "\u0000", "😀", "\u2028", "/", "n"];

export const hostileSpecArbitrary: fc.Arbitrary<HostileSpec> = fc.record({
  table: fc.constantFrom<TableName>("pin", "geo", "user"),
  kind: fc.nat(HOSTILE_KINDS - 1),
  key: fc.nat(80),
  slot: fc.nat(11),
  text: fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "\u00a0",
      "\u00a0Chad",
      "Émile",
      "日本",
      "n/a",
      "No Title Data Available",
      "  padded  ",
    ),
    fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 8 }),
  ),
  number: fc.oneof(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.constantFrom(1.5, -0, 1e21, 0.1, 36)),
  pick: fc.nat(1000),
  at: fc.nat(),
});
