import { RAW_TABLE_NAMES } from "@pinpipe/analytics";
import { type CountsByTable, REJECT_REASONS } from "@pinpipe/clean";

/** 1234567 → "1,234,567" (toLocaleString would load ICU data for one summary). */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/**
 * The record accounting as an aligned table, one row per raw table, where every row reconciles:
 * `in = clean + rejected + duplicates`; followed by the rejections by reason, if any, and a
 * reminder when duplicates were not looked for.
 *
 * @example
 * formatAccounting(accounting, true);
 * // [
 * //   "table         in      clean  rejected  duplicates",
 * //   "pin    1,000,020    999,904       116           0",
 * //   …
 * //   "rejected: pin invalid_json 20, missing_key 30, invalid_key 66; …",
 * // ]
 */
export function formatAccounting(accounting: CountsByTable, dedupe: boolean): string[] {
  const header = ["table", "in", "clean", "rejected", "duplicates"];
  const rows = RAW_TABLE_NAMES.map((table) => {
    const account = accounting[table];
    return [
      table,
      count(account.in),
      count(account.clean),
      count(account.rejected),
      count(account.duplicates),
    ];
  });
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c]!.length)));
  const line = (texts: readonly string[]) =>
    texts.map((text, c) => (c === 0 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!))).join("  ");
  const lines = [line(header), ...rows.map(line)];
  const reasons = RAW_TABLE_NAMES.flatMap((table) => {
    const parts = REJECT_REASONS.filter((reason) => accounting[table].byReason[reason] > 0).map(
      (reason) => `${reason} ${count(accounting[table].byReason[reason])}`,
    );
    return parts.length === 0 ? [] : [`${table} ${parts.join(", ")}`];
  });
  if (reasons.length > 0) lines.push(`rejected: ${reasons.join("; ")}`);
  if (!dedupe) lines.push("duplicates are kept (pass --dedupe to drop exact duplicate records)");
  return lines;
}
