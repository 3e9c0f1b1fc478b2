import fc from "fast-check";
import type { JsonRecord, JsonValue } from "../../src/index";

/** Strings that matter for this data: empty, the trailing U+00A0 of real descriptions, astral emoji. */
const notableString = fc.constantFrom(
  "",
  "\u00a0",
  "No description available Story format\u00a0",
  "😀 café",
  "\u2028",
);

/** Any string (lone surrogates included) or a notable one. */
export const anyString: fc.Arbitrary<string> = fc.oneof(fc.string({ unit: "binary" }), notableString);

/** A JSON object key; `__proto__` is excluded here because the codecs refuse it by design. */
export const jsonKey: fc.Arbitrary<string> = anyString.filter((key) => key !== "__proto__");

const jsonLeaf: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  // JSON.stringify writes -0 as 0 (documented), so identity is asserted on everything else.
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0)),
  anyString,
);

const { value: jsonValue } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    jsonLeaf,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(jsonKey, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
}));

/** Any JSON value the codecs accept. */
export const anyJsonValue: fc.Arbitrary<JsonValue> = jsonValue;

/** Any JSON record the codecs accept, now and then with one big (10-40 kB) string. */
export const jsonRecord: fc.Arbitrary<JsonRecord> = fc.oneof(
  { weight: 9, arbitrary: fc.dictionary(jsonKey, jsonValue, { maxKeys: 8, noNullPrototype: true }) },
  {
    weight: 1,
    arbitrary: fc
      .string({ minLength: 10_000, maxLength: 40_000 })
      .map((description): JsonRecord => ({ ind: 1, description })),
  },
);
