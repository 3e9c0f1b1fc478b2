import { cleanerFor, keyLiteralIssue, type TableName } from "@pinpipe/clean";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inexactKeysAsText } from "../../src/kafkaConnect/inexactKeysAsText";

const parsedWithText = (text: string): unknown => inexactKeysAsText(JSON.parse(text), text);

/** Number literals around the ways a text can round to a key: exponents, long fractions, 2^52, -0. */
const numberLiteral: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "-"),
    fc.oneof(fc.constantFrom("0", "1", "7", "4503599627370495", "9007199254740991"), fc.nat().map(String)),
    fc.oneof(fc.constant(""), fc.stringMatching(/^\.\d{1,20}$/)),
    fc.oneof(fc.constant(""), fc.constantFrom("e-400", "e2", "E+2", "e-1", "e0", "e16", "e-324")),
  )
  .map(([sign, whole, fraction, exponent]) => sign + whole + fraction + exponent);

describe("inexactKeysAsText", () => {
  it("replaces a key that parsed to a valid number it does not denote by its literal", () => {
    for (const literal of ["1e-400", "1.00000000000000001", "4503599627370496.5", "9007199254740990.9"]) {
      expect(parsedWithText(`{"ind": ${literal}, "country": "Chad"}`)).toEqual({
        ind: literal,
        country: "Chad",
      });
      expect(parsedWithText(`{"index":${literal}}`)).toEqual({ index: literal });
    }
    expect(parsedWithText('{"index": 3, "ind": -1e-400}')).toEqual({ index: 3, ind: "-1e-400" });
  });

  it("leaves exact keys, other values and non-objects as JSON.parse made them", () => {
    for (const text of [
      '{"ind": 0}',
      '{"ind": -0}',
      '{"ind": 0e-400}',
      '{"ind": 1e2}',
      '{"ind": 1.0, "latitude": 1e-400}',
      '{"index": 9007199254740991}',
      '{"ind": 1.5}',
      '{"ind": 9007199254740993}',
      '{"ind": "1e-400"}',
      '{"nested": {"ind": 1e-400}}',
      "[1e-400]",
      "1e-400",
      "null",
    ]) {
      expect(parsedWithText(text), text).toEqual(JSON.parse(text));
    }
    expect(Object.is((parsedWithText('{"ind": -0}') as { ind: number }).ind, -0)).toBe(true);
  });

  it("reads the member JSON.parse keeps: the last of repeated ones, escaped names by what they spell", () => {
    expect(parsedWithText('{"ind": 1e-400, "ind": 5}')).toEqual({ ind: 5 });
    expect(parsedWithText('{"ind": 5, "x": 1, "ind": 5.00000000000000001}')).toEqual({
      ind: "5.00000000000000001",
      x: 1,
    });
    expect(parsedWithText('{"ind": 0, "\\u0069nd": 1e-400}')).toEqual({ ind: "1e-400" });
    expect(parsedWithText('{"\\u0069ndex": 0e-1}')).toEqual({ index: 0 });
  });

  it("makes the cleaners reject exactly what keyLiteralIssue rejects, naming the literal", () => {
    const tables: readonly TableName[] = ["pin", "geo", "user"];
    fc.assert(
      fc.property(fc.constantFrom(...tables), fc.boolean(), numberLiteral, (table, asInd, literal) => {
        const field = table === "pin" && !asInd ? "index" : "ind";
        const text = `{"${field}": ${literal}, "country": "Chad"}`;
        const clean = cleanerFor(table);
        const fromParse = clean(JSON.parse(text));
        const issue = keyLiteralIssue(table, text);
        const result = clean(parsedWithText(text));
        expect(result.ok).toBe(fromParse.ok && issue === undefined);
        if (fromParse.ok && issue !== undefined) expect(result.issues).toEqual([issue]);
        if (result.ok && fromParse.ok) expect(result.value).toEqual(fromParse.value);
      }),
      { numRuns: 2000 },
    );
  });
});
