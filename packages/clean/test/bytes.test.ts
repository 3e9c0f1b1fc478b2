import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ColumnPlaceholders,
  columnPlaceholders,
  isTrimmedNameBytes,
  MAX_PLAIN_KEY_DIGITS,
  NAIVE_TIMESTAMP_MAX_LENGTH,
  NAIVE_TIMESTAMP_MIN_LENGTH,
  NameJoiner,
  naiveTimestampFromBytes,
  plainKeyDigits,
} from "../src/bytes";
import { type CleanOptions, resolvePlaceholders } from "../src/cleanOptions";
import { cleanUser, DEFAULT_PLACEHOLDERS, type PlaceholderColumn } from "../src/index";
import { integerOfLiteral } from "../src/integerOfLiteral";
import { isWhitespaceCode } from "../src/isBlank";
import { naiveTimestampMillis } from "../src/parseNaiveTimestamp";
import { PlaceholderSet } from "../src/placeholderSet";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const utf8 = (text: string) => encoder.encode(text);
/** The text a string's UTF-8 bytes spell (lone surrogates become U+FFFD). */
const textOfBytes = (text: string) => decoder.decode(utf8(text));

/** Characters that look like a timestamp's, or like blanks, or are not ASCII at all. */
const oddCharacter = fc.constantFrom(
  "0",
  "9",
  "-",
  ":",
  " ",
  "T",
  "Z",
  ".",
  "\u00a0",
  "\u3000",
  "\ufeff",
  "\u0663", // ARABIC-INDIC DIGIT THREE
  "\uff10", // FULLWIDTH DIGIT ZERO
  "\u0130", // low byte 0x30, the code of "0"
  "é",
  "\ud800", // lone high surrogate
  "\udc00", // lone low surrogate
  "😀",
);

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/** Timestamp-shaped text: fields slightly out of range (Feb 30, hour 24, second 60…), both separators, fractions, suffixes. */
const timestampText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2020, 2021)),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    separator: fc.constantFrom(" ", "T", " ", "T", "t", "\u00a0", "_"),
    fraction: fc.option(fc.stringMatching(/^[0-9]{0,11}$/)),
    suffix: fc.constantFrom("", "", "", "Z", "z", "+00:00", " ", "\u00a0", "\ud800"),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.separator}` +
      `${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
      `${t.fraction === null ? "" : `.${t.fraction}`}${t.suffix}`,
  );

/** Timestamp-shaped text with one character replaced by an odd one. */
const mutatedTimestampText = fc.tuple(timestampText, fc.nat(), oddCharacter).map(([text, at, character]) => {
  const i = at % text.length;
  return text.slice(0, i) + character + text.slice(i + 1);
});

const anyTimestampCandidate = fc.oneof(
  timestampText,
  mutatedTimestampText,
  fc.string({ unit: "binary", maxLength: 32 }),
  fc.string({ unit: oddCharacter, minLength: 17, maxLength: 32 }),
);

/** The byte form over `text`'s UTF-8 bytes, placed between other bytes so the range matters. */
function timestampOfBytes(text: string, before: Uint8Array, after: Uint8Array): number {
  const body = utf8(text);
  const bytes = new Uint8Array(before.length + body.length + after.length);
  bytes.set(before, 0);
  bytes.set(body, before.length);
  bytes.set(after, before.length + body.length);
  return naiveTimestampFromBytes(bytes, before.length, before.length + body.length);
}

const someBytes = fc.uint8Array({ maxLength: 8 });

describe("naiveTimestampFromBytes ≡ naiveTimestampMillis", () => {
  it("agree on timestamp-shaped, mutated and arbitrary text (non-ASCII, U+00A0, lone surrogates)", () => {
    fc.assert(
      fc.property(anyTimestampCandidate, someBytes, someBytes, (text, before, after) => {
        expect(timestampOfBytes(text, before, after)).toBe(naiveTimestampMillis(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("agree on impossible instants and the edges of the calendar", () => {
    const cases = [
      "2021-02-30 10:00:00",
      "2021-02-29 10:00:00",
      "2020-02-29 10:00:00",
      "1900-02-29 10:00:00",
      "2000-02-29 23:59:59",
      "2021-04-31 10:00:00",
      "2021-13-01 10:00:00",
      "2021-01-01 24:00:00",
      "2021-01-01 23:60:00",
      "2021-01-01 23:59:60",
      "0000-01-01 00:00:00",
      "9999-12-31T23:59:59.999999999Z",
      "2019-01-01 07:21:13Z",
      "2019-01-01T07:21:13.",
      "2019-01-01T07:21:13.1234567890",
      "2019-01-01\u00a007:21:13",
      "2019-01-01 07:21:1\u0663",
      "2019-01-01 07:21:1\u0130",
      "2019-01-01 07:21:1\ud800",
    ];
    for (const text of cases) {
      expect(timestampOfBytes(text, new Uint8Array(0), new Uint8Array(0)), text).toBe(
        naiveTimestampMillis(text),
      );
    }
    expect(naiveTimestampMillis("2021-02-30 10:00:00")).toBeNaN();
    expect(naiveTimestampMillis("2021-01-01 24:00:00")).toBeNaN();
    expect(naiveTimestampMillis("2020-02-29 10:00:00")).toBe(Date.UTC(2020, 1, 29, 10));
    expect(naiveTimestampMillis("9999-12-31T23:59:59.999999999Z")).toBe(
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    );
  });

  it("reads only its range, and a range past the end of the bytes is NaN", () => {
    const bytes = utf8("2019-01-01 07:21:13.5");
    expect(naiveTimestampFromBytes(bytes, 0, 19)).toBe(Date.UTC(2019, 0, 1, 7, 21, 13));
    expect(naiveTimestampFromBytes(bytes, 0, 21)).toBe(Date.UTC(2019, 0, 1, 7, 21, 13, 500));
    expect(naiveTimestampFromBytes(bytes, 0, 22)).toBeNaN();
    expect(naiveTimestampFromBytes(bytes, 2, 21)).toBeNaN();
    expect(NAIVE_TIMESTAMP_MIN_LENGTH).toBe("2019-01-01 07:21:13".length);
    expect(NAIVE_TIMESTAMP_MAX_LENGTH).toBe("2019-01-01T07:21:13.123456789Z".length);
  });
});

const COLUMNS = Object.keys(DEFAULT_PLACEHOLDERS) as PlaceholderColumn[];

/** Texts that are placeholders, blanks, near-misses, ordinary values and non-ASCII. */
const placeholderCandidate = fc.oneof(
  fc.constantFrom(...new Set(Object.values(DEFAULT_PLACEHOLDERS).flat())),
  fc.constantFrom("", " ", "\u00a0", "\t\n", " \u00a0 ", "\u3000\ufeff", "\u2028", "Untitled "),
  fc.string({ unit: oddCharacter, maxLength: 4 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
);

describe("ColumnPlaceholders (bytes) ≡ PlaceholderSet (strings)", () => {
  it("a decided verdict on the bytes is the string form's answer for the text they spell", () => {
    fc.assert(
      fc.property(fc.array(placeholderCandidate, { maxLength: 4 }), placeholderCandidate, (listed, text) => {
        const strings = new PlaceholderSet(listed);
        const bytes = new ColumnPlaceholders(strings);
        const body = utf8(text);
        const verdict = bytes.verdict(body, 0, body.length);
        const matches = strings.matches(textOfBytes(text));
        if (verdict === "placeholder") expect(matches).toBe(true);
        else if (verdict === "value") expect(matches).toBe(false);
        else {
          // Undecided only when the first character may be blank: white space or not ASCII.
          const first = body[0]!;
          expect(first >= 0x80 || isWhitespaceCode(first)).toBe(true);
        }
        if (bytes.isListed(body, 0, body.length)) expect(matches).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("columnPlaceholders lists what the cleaners resolve for the same options", () => {
    const optionsArbitrary: fc.Arbitrary<CleanOptions | undefined> = fc.option(
      fc.record({
        placeholders: fc.dictionary(
          fc.constantFrom(...COLUMNS, "__proto__", "other"),
          fc.oneof(fc.array(fc.oneof(placeholderCandidate, fc.integer())), fc.constant("not a list")),
        ),
      }) as fc.Arbitrary<CleanOptions>,
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        optionsArbitrary,
        fc.constantFrom(...COLUMNS),
        placeholderCandidate,
        (options, column, text) => {
          const body = utf8(text);
          const listed = columnPlaceholders(column, options).isListed(body, 0, body.length);
          const strings = resolvePlaceholders(options)[column];
          const value = textOfBytes(text);
          // Lone surrogates: no bytes spell them, so only the string form can meet such a placeholder.
          const wellFormed = strings.values().filter((listedText) => textOfBytes(listedText) === listedText);
          expect(listed).toBe(value !== "" && wellFormed.includes(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** Names as producers send them: ordinary, padded, blank, non-ASCII, lone surrogates, null. */
const nameCandidate = fc.option(
  fc.oneof(
    fc.constantFrom(
      "Adam",
      "Acosta",
      "Chad",
      "O'Neil",
      "María",
      "Zoë",
      "李",
      "Bob\u00a0",
      "\u00a0Bob",
      " Ann ",
    ),
    fc.string({ unit: oddCharacter, maxLength: 5 }),
    fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
    fc.string({ unit: "binary", maxLength: 6 }),
  ),
);

describe("NameJoiner + isTrimmedNameBytes (bytes) ≡ cleanUser's user_name (strings)", () => {
  it("join the names to cleanUser's user_name whenever the bytes decide", () => {
    const firstNames = columnPlaceholders("first_name", undefined);
    const lastNames = columnPlaceholders("last_name", undefined);
    const joiner = new NameJoiner();
    let decided = 0;
    fc.assert(
      fc.property(nameCandidate, nameCandidate, fc.uint8Array({ maxLength: 4 }), (first, last, gap) => {
        // The names as the fast path sees them: the text their UTF-8 bytes spell.
        const firstText = first === null ? null : textOfBytes(first);
        const lastText = last === null ? null : textOfBytes(last);
        const firstBytes = utf8(firstText ?? "");
        const lastBytes = utf8(lastText ?? "");
        const line = new Uint8Array(firstBytes.length + gap.length + lastBytes.length);
        line.set(firstBytes, 0);
        line.set(gap, firstBytes.length);
        const lastStart = firstBytes.length + gap.length;
        line.set(lastBytes, lastStart);
        const span = (
          text: string | null,
          start: number,
          end: number,
          placeholders: ColumnPlaceholders,
        ): number | "give up" => {
          if (text === null) return -1;
          const verdict = placeholders.verdict(line, start, end);
          if (verdict === "placeholder") return -1;
          if (verdict === "undecided" || !isTrimmedNameBytes(line, start, end)) return "give up";
          return start;
        };
        const firstStart = span(firstText, 0, firstBytes.length, firstNames);
        const lastFrom = span(lastText, lastStart, line.length, lastNames);
        if (firstStart === "give up" || lastFrom === "give up") return; // the cleaner decides those
        decided++;
        const length = joiner.join(line, firstStart, firstBytes.length, lastFrom, line.length);
        const joined = length < 0 ? null : decoder.decode(joiner.bytes.subarray(0, length));
        const cleaned = cleanUser({ ind: 0, first_name: firstText, last_name: lastText });
        expect(cleaned.ok && cleaned.value.user_name).toBe(joined);
      }),
      { numRuns: 3000 },
    );
    expect(decided).toBeGreaterThan(300);
  });

  it("isTrimmedNameBytes holds only for bytes that trimming leaves alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 8 }), nameCandidate, (text, name) => {
        for (const candidate of [text, name ?? ""]) {
          const bytes = utf8(candidate);
          if (isTrimmedNameBytes(bytes, 0, bytes.length)) {
            const spelled = textOfBytes(candidate);
            expect(spelled.trim()).toBe(spelled);
            expect(spelled).not.toBe("");
          }
        }
      }),
    );
    expect(isTrimmedNameBytes(utf8("Adam"), 0, 4)).toBe(true);
    expect(isTrimmedNameBytes(utf8("Adam\u00a0"), 0, 6)).toBe(false);
    expect(isTrimmedNameBytes(utf8("Zoë"), 0, 4)).toBe(false); // non-ASCII edge: the cleaner decides
    expect(isTrimmedNameBytes(utf8(""), 0, 0)).toBe(false);
  });

  it("grows its buffer for long names", () => {
    const joiner = new NameJoiner();
    const long = utf8("a".repeat(1000));
    expect(joiner.join(long, 0, 1000, 0, 1000)).toBe(2001);
    expect(decoder.decode(joiner.bytes.subarray(0, 2001))).toBe(`${"a".repeat(1000)} ${"a".repeat(1000)}`);
  });
});

/** Number-literal-shaped text and other junk. */
const keyLiteral = fc.oneof(
  fc.maxSafeNat().map(String),
  fc.nat(999).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
  fc.stringMatching(/^-?[0-9]{1,17}(\.[0-9]{0,3})?([eE][+-]?[0-9]{1,3})?$/),
  fc.stringMatching(/^0[0-9]{1,5}$/),
  fc.string({ unit: oddCharacter, maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);

describe("plainKeyDigits (bytes) ≡ integerOfLiteral (strings)", () => {
  it("a key read from plain digits is the key the exact rule and JSON.parse give", () => {
    fc.assert(
      fc.property(keyLiteral, someBytes, someBytes, (literal, before, after) => {
        const body = utf8(literal);
        const line = new Uint8Array(before.length + body.length + after.length);
        line.set(before, 0);
        line.set(body, before.length);
        line.set(after, before.length + body.length);
        const key = plainKeyDigits(line, before.length, before.length + body.length);
        const exact = integerOfLiteral(textOfBytes(literal));
        if (key >= 0) {
          expect(exact).toBe(key);
          expect(JSON.parse(literal)).toBe(key);
        } else if (/^(0|[1-9][0-9]*)$/.test(literal) && literal.length <= MAX_PLAIN_KEY_DIGITS) {
          expect.unreachable(`plain digits ${literal} were not read`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("reads 1 to 15 digits and nothing longer", () => {
    expect(MAX_PLAIN_KEY_DIGITS).toBe(String(Number.MAX_SAFE_INTEGER).length - 1);
    expect(plainKeyDigits(utf8("0"), 0, 1)).toBe(0);
    expect(plainKeyDigits(utf8("999999999999999"), 0, 15)).toBe(999_999_999_999_999);
    expect(plainKeyDigits(utf8("1000000000000000"), 0, 16)).toBe(-1);
    expect(plainKeyDigits(utf8("007"), 0, 3)).toBe(-1);
    expect(plainKeyDigits(utf8("1e2"), 0, 3)).toBe(-1);
    expect(plainKeyDigits(utf8("-0"), 0, 2)).toBe(-1);
    expect(plainKeyDigits(utf8(""), 0, 0)).toBe(-1);
    expect(plainKeyDigits(utf8("12"), 0, 3)).toBe(-1);
  });
});
