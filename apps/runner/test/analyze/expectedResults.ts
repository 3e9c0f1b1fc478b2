import { analyze, dropDuplicateRecords, type QueryOptions, type RawTableName } from "@pinpipe/analytics";
import { type CountsByTable, CountsTally, cleanerFor, keyLiteralIssue } from "@pinpipe/clean";
import type { CleanGeo, CleanPin, CleanUser } from "@pinpipe/schemas";

const TABLES: readonly RawTableName[] = ["pin", "geo", "user"];

/**
 * What `pinpipe analyze` must print, computed the plain object way from the lines written:
 * `JSON.parse` each non-blank line (a line that does not parse is an `invalid_json` rejection),
 * clean each record with its table's cleaner (a key whose JSON text is not exactly an integer is
 * `invalid_key`, see `keyLiteralIssue`), then `analyze` of the analytics package (which
 * deduplicates when asked). Also the counts of each table, tallied record by record with
 * `CountsTally`: duplicates are dropped after cleaning, so their issues count too.
 */
export function expectedResults(lines: Record<RawTableName, string[]>, options: QueryOptions) {
  const clean: { pin: CleanPin[]; geo: CleanGeo[]; user: CleanUser[] } = { pin: [], geo: [], user: [] };
  const tallies: Record<RawTableName, CountsTally> = {
    pin: new CountsTally(),
    geo: new CountsTally(),
    user: new CountsTally(),
  };
  for (const table of TABLES) {
    const tally = tallies[table];
    const cleaner = cleanerFor(table);
    for (const line of lines[table]) {
      if (line.trim() === "") continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        tally.countRejected("invalid_json", "$");
        continue;
      }
      const result = cleaner(raw);
      const keyIssue = result.ok ? keyLiteralIssue(table, line) : undefined;
      if (keyIssue !== undefined) {
        // The cleaners stop at a bad key: hostile keys found before it, then the key's issue.
        const hostile = result.issues.filter((issue) => issue.rule === "hostile_key");
        tally.countResult({ ok: false, issues: [...hostile, keyIssue] });
      } else {
        tally.countResult(result);
        if (result.ok) (clean[table] as unknown[]).push(result.value);
      }
    }
  }
  const kept = options.dedupe === true ? dropDuplicateRecords(clean) : clean;
  for (const table of TABLES) tallies[table].countDuplicates(clean[table].length - kept[table].length);
  const counts: CountsByTable = {
    pin: tallies.pin.counts(),
    geo: tallies.geo.counts(),
    user: tallies.user.counts(),
  };
  return {
    // Through JSON, as the CLI prints it.
    results: JSON.parse(JSON.stringify(analyze(clean, options))) as unknown,
    counts,
  };
}
