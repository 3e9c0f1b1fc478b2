import type { CleanIssue } from "./cleanIssue";
import { integerOfLiteral } from "./integerOfLiteral";
import type { TableName } from "./tables";
import { topLevelMemberText } from "./topLevelMemberText";

/** The first character of a JSON number literal. */
const NUMBER_START = /^[-0-9]/;

/**
 * The `invalid_key` issue of a raw record whose key, in the JSON text `json` it was parsed from, is
 * a number literal that does not denote a non-negative safe integer exactly; `undefined` otherwise
 * (a key that is exact, absent or not a number is the cleaner's to judge). The key is the one the
 * cleaners read: `index`, or `ind` when `index` is absent, for pins; `ind` for geo and user records.
 *
 * The cleaners see the number `JSON.parse` made, and some texts round to a valid key: `1e-400`
 * becomes 0, `4503599627370495.5` becomes 4503599627370496. Only the text tells them apart, so
 * whoever parses the text rejects such a record with this issue; its `value` is the literal.
 *
 * @example
 * keyLiteralIssue("geo", '{"ind": 1e-400}'); // { field: "ind", value: "1e-400", rule: "invalid_key" }
 * keyLiteralIssue("geo", '{"ind": 1e2}'); // undefined (100 exactly)
 */
export function keyLiteralIssue(table: TableName, json: string): CleanIssue | undefined {
  let field = table === "pin" ? "index" : "ind";
  let literal = topLevelMemberText(json, field);
  if (literal === undefined && table === "pin") {
    field = "ind";
    literal = topLevelMemberText(json, field);
  }
  if (literal === undefined || !NUMBER_START.test(literal) || integerOfLiteral(literal) >= 0)
    return undefined;
  return { field, value: literal, rule: "invalid_key" };
}
