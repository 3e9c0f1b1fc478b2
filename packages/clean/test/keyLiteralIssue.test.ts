import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanerFor, keyLiteralIssue, type TableName } from "../src/index";
import { rawGeoRecord, rawPinRecord, rawUserRecord } from "./support/arbitraries";

const TABLES: readonly TableName[] = ["pin", "geo", "user"];
const keyOf = (table: TableName) => (table === "pin" ? "index" : "ind");

const MAX_KEY = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether digits × 10^scale is a non-negative safe integer, by exact BigInt arithmetic. */
function denotesKey(digits: bigint, scale: number): boolean {
  if (scale >= 0) return digits * 10n ** BigInt(scale) <= MAX_KEY;
  const divisor = 10n ** BigInt(-scale);
  return digits % divisor === 0n && digits / divisor <= MAX_KEY;
}

describe("the cleaners judge the key JSON.parse made", () => {
  it("reject what the parsed number shows (fraction, beyond 2^53) and read -0 as 0", () => {
    for (const table of TABLES) {
      const clean = cleanerFor(table);
      for (const text of ["1.5", "9007199254740993", "1e400", "-1"]) {
        const result = clean(JSON.parse(`{"${keyOf(table)}": ${text}}`));
        expect(result.ok, `${table} ${text}`).toBe(false);
        expect(result.issues.map((issue) => issue.rule)).toEqual(["invalid_key"]);
      }
      const zero = clean(JSON.parse(`{"${keyOf(table)}": -0}`));
      expect(zero.ok && Object.is(zero.value.ind, 0)).toBe(true);
    }
  });

  it("cannot see a text that parses to a valid key: 1e-400 arrives as 0", () => {
    // JSON.parse leaves no trace of the text, so the cleaner keeps the record; keyLiteralIssue cannot miss it.
    for (const table of TABLES) {
      const text = `{"${keyOf(table)}": 1e-400}`;
      const result = cleanerFor(table)(JSON.parse(text));
      expect(result.ok && result.value.ind).toBe(0);
      expect(keyLiteralIssue(table, text)).toEqual({
        field: keyOf(table),
        value: "1e-400",
        rule: "invalid_key",
      });
    }
  });
});

describe("keyLiteralIssue", () => {
  it("reports key texts that parse to an integer without denoting one exactly", () => {
    for (const literal of [
      "1e-400",
      "5e-324",
      "1.00000000000000001",
      "4503599627370495.5",
      "9007199254740990.9",
      "9007199254740992",
      "9007199254740993",
      "1e16",
      "1.5",
      "-1",
      "-0.5",
      "1e99999999999999999999",
      "1e-99999999999999999999",
    ]) {
      expect(keyLiteralIssue("geo", `{"ind":${literal}}`), literal).toEqual({
        field: "ind",
        value: literal,
        rule: "invalid_key",
      });
    }
  });

  it("accepts every spelling of a non-negative safe integer: digits, exponents, zero fractions, -0", () => {
    for (const literal of [
      "0",
      "-0",
      "-0.0e5",
      "0e-400",
      "7",
      "1e2",
      "1E+2",
      "1.0",
      "0.1e1",
      "1000000e-6",
      "90071992547409910e-1",
      "9007199254740991",
    ]) {
      expect(keyLiteralIssue("user", `{"ind": ${literal}}`), literal).toBeUndefined();
    }
  });

  it("reads the key the cleaners read: the last top-level member, index before ind for pins", () => {
    expect(keyLiteralIssue("pin", '{"ind": 1e-400, "index": 3}')).toBeUndefined();
    expect(keyLiteralIssue("pin", '{"index": 1e-400, "ind": 3}')?.field).toBe("index");
    expect(keyLiteralIssue("pin", '{"index": null, "ind": 1e-400}')).toBeUndefined();
    expect(keyLiteralIssue("pin", '{"ind": 1e-400}')?.field).toBe("ind");
    expect(keyLiteralIssue("geo", '{"index": 1e-400, "ind": 2}')).toBeUndefined();
    expect(keyLiteralIssue("geo", '{"ind": 1e-400, "ind": 2}')).toBeUndefined();
    expect(keyLiteralIssue("geo", '{"ind": 2, "ind": 1e-400}')?.value).toBe("1e-400");
    // Escaped member names count by what they spell; nested members and strings do not count.
    expect(keyLiteralIssue("geo", ' { "i\\u006ed" : 1e-400 } ')?.value).toBe("1e-400");
    expect(
      keyLiteralIssue("geo", '{"a": {"ind": 1e-400}, "b": ["}", {"ind": 1.5}], "ind": 4}'),
    ).toBeUndefined();
    expect(keyLiteralIssue("geo", '{"a": "\\"ind\\": 1e-400", "ind": 4}')).toBeUndefined();
  });

  it("leaves keys that are not numbers, absent keys and non-objects to the cleaner", () => {
    for (const text of [
      '{"ind": "1e-400"}',
      '{"ind": null}',
      '{"ind": [1e-400]}',
      "{}",
      "[1e-400]",
      "1e-400",
      "null",
    ]) {
      expect(keyLiteralIssue("geo", text), text).toBeUndefined();
    }
  });

  it("never throws, whatever the text (invalid JSON included)", () => {
    const texts = fc
      .tuple(
        fc.constantFrom("", "{", '{"ind": ', '{"index": 1e-400, "', '{"a": ['),
        fc.string({ unit: "binary" }),
      )
      .map(([start, rest]) => start + rest);
    fc.assert(
      fc.property(fc.constantFrom(...TABLES), texts, (table, text) => {
        const issue = keyLiteralIssue(table, text);
        expect(issue === undefined || issue.rule === "invalid_key").toBe(true);
      }),
    );
    for (const text of [
      '{"ind',
      '{"ind": ',
      '{"ind": {"a": 1',
      '{"\\u00": 1}',
      '{"ind" 1}',
      '{"ind": 1e-400,',
    ]) {
      expect(() => keyLiteralIssue("geo", text)).not.toThrow();
    }
  });

  it("agrees with exact decimal arithmetic on any number literal (property)", () => {
    const literal = fc.record({
      sign: fc.constantFrom("", "-"),
      whole: fc.oneof(fc.constant("0"), fc.bigInt({ min: 1n, max: 10n ** 20n }).map(String)),
      fraction: fc.oneof(fc.constant(""), fc.stringMatching(/^\d{1,20}$/)),
      exponent: fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(literal, ({ sign, whole, fraction, exponent }) => {
        const text = `${sign}${whole}${fraction === "" ? "" : `.${fraction}`}${exponent === undefined ? "" : `e${exponent}`}`;
        const isZero = /^0*$/.test(whole + fraction);
        const scale = (exponent ?? 0) - fraction.length;
        const exact = denotesKey(BigInt(whole + fraction), scale) && (sign === "" || isZero);
        expect(keyLiteralIssue("geo", `{"ind": ${text}}`) === undefined, text).toBe(exact);
      }),
      { numRuns: 2000 },
    );
  });

  it("finds nothing in records the cleaner keeps once JSON.stringify wrote them in plain digits (property)", () => {
    const records = { pin: rawPinRecord, geo: rawGeoRecord, user: rawUserRecord } as const;
    for (const table of TABLES) {
      fc.assert(
        fc.property(records[table], (record) => {
          const text = JSON.stringify(record);
          if (cleanerFor(table)(JSON.parse(text)).ok) expect(keyLiteralIssue(table, text)).toBeUndefined();
        }),
        { numRuns: 200 },
      );
    }
  });
});
