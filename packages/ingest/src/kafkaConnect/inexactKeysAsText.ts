import { keyLiteralIssue } from "@pinpipe/clean";

/**
 * A member `"index"` or `"ind"` whose value is a number literal with a fraction or an exponent. Only
 * such a literal can parse to a safe integer it does not denote (`1e-400`, `1.00000000000000001`):
 * plain digits parse to a safe integer exactly or to none. A regular expression, because one native
 * pass over the text costs a fraction of `JSON.parse` while a member-by-member scan costs more.
 */
const FRACTION_OR_EXPONENT = {
  index: /"index"[ \t\n\r]*:[ \t\n\r]*-?\d+[.eE]/,
  ind: /"ind"[ \t\n\r]*:[ \t\n\r]*-?\d+[.eE]/,
} as const;

/** A `\u` escape of a letter from U+0060 to U+007F: the only way to spell `index`/`ind` other than plainly. */
const LETTER_ESCAPE = /\\u00[67]/;

/** Whether the text may hold an inexact literal for `field`; `false` proves it does not. */
function mayHideInexactKey(text: string, field: "index" | "ind"): boolean {
  return FRACTION_OR_EXPONENT[field].test(text) || (text.indexOf("\\u00") >= 0 && LETTER_ESCAPE.test(text));
}

/** Replaces `record[field]` by its literal when the number was parsed from a literal that is no exact key. */
function exposeKey(record: Record<string, unknown>, field: "index" | "ind", text: string): void {
  const key = record[field];
  // Any other value the cleaners reject already; only a valid parsed key can hide an inexact text.
  if (typeof key !== "number" || !Number.isSafeInteger(key) || key < 0) return;
  if (!mayHideInexactKey(text, field)) return;
  // keyLiteralIssue reads `index` for pins and `ind` for geo: the member named `field` either way.
  const issue = keyLiteralIssue(field === "index" ? "pin" : "geo", text);
  if (issue !== undefined) record[field] = issue.value;
}

/**
 * Makes the record `value`, just parsed from the JSON text `text`, show the cleaners a key they reject
 * as `invalid_key` when the key's literal is not exactly a non-negative safe integer: such a top-level
 * `index` or `ind` number is replaced, in place, by the literal's text (`1e-400`, parsed as 0, becomes
 * the string `"1e-400"`, which the cleaners reject naming it). `analyze` rejects the same records with
 * `keyLiteralIssue`, which needs the table; both members are judged here, because a cleaner ignores
 * the one that is not its key. Exact keys and other values are left as they are. Returns `value`.
 *
 * @example
 * const text = '{"ind": 1e-400, "country": "Chad"}';
 * inexactKeysAsText(JSON.parse(text), text); // { ind: "1e-400", country: "Chad" }
 * inexactKeysAsText(JSON.parse('{"ind": 1e2}'), '{"ind": 1e2}'); // { ind: 100 }
 */
export function inexactKeysAsText(value: unknown, text: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (record.index !== undefined) exposeKey(record, "index", text);
  if (record.ind !== undefined) exposeKey(record, "ind", text);
  return value;
}
