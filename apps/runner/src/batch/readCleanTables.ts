import { cleanerFor, type TableName } from "@pinpipe/clean";
import { MAX_JSON_DEPTH } from "@pinpipe/ingest";
import { CleanTableColumns } from "../parquet/index";
import { boundJsonDepth } from "./boundJsonDepth";
import { SourceError } from "./sourceError";
import { type SourceItem, sourceFileOf } from "./sourceItem";
import { TableAccount, UNREADABLE_LINE_RULE } from "./tableAccount";

/**
 * A source file none of whose records could be given a table (a topic or file name that names no
 * pin, geo or user table), with the number of records it held.
 *
 * @example
 * const skipped: SkippedFile = { file: "exports/misc.ndjson", records: 12 };
 */
export interface SkippedFile {
  readonly file: string;
  readonly records: number;
}

/** What reading and cleaning the source produced, per table. */
export interface CleanTables {
  readonly columns: { readonly [T in TableName]: CleanTableColumns<T> };
  readonly accounts: { readonly [T in TableName]: TableAccount };
  /** The rejected-records file of each table, one JSON line per rejected record (read order). */
  readonly rejected: { readonly [T in TableName]: string[] };
  readonly skipped: readonly SkippedFile[];
}

/** Records read so far per table, for progress lines. */
export type ReadCounts = { [T in TableName]: number };

/** An issue as the rejected-records files hold it (`value` null when the field was absent). */
interface RejectionIssue {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;
}
const PROGRESS_EVERY = 4096;

function rejectedLine(
  position: SourceItem["position"],
  raw: unknown,
  issues: readonly RejectionIssue[],
): string {
  // JSON.stringify recurses: a record nested thousands of levels deep would overflow the stack and
  // fail the whole run, so what is written is cut at the depth a strict record decoder accepts.
  const plainIssues = issues.map(({ field, value, rule }) => ({
    field,
    value: boundJsonDepth(value ?? null, MAX_JSON_DEPTH),
    rule,
  }));
  return JSON.stringify({ position, raw: boundJsonDepth(raw ?? null, MAX_JSON_DEPTH), issues: plainIssues });
}

/**
 * Reads every source item and cleans it with its table's cleaner (@pinpipe/clean): clean records
 * go to a columnar table, rejected ones to that table's rejected lines with their position and
 * issues, and every record is counted. A line that held no record (invalid JSON or UTF-8, too
 * long) is rejected with the rule `invalid_json`, its `raw` the line's text (null when the reader
 * did not keep it: compressed files, over-long lines) and the reader's reason as the issue value.
 * Arrays and objects nested deeper than `MAX_JSON_DEPTH` levels in a rejected line's `raw` or issue
 * values are written as a `[nested deeper than 64 levels: left out]` marker (see `boundJsonDepth`);
 * the issues themselves are kept. Records of files that name no table are counted per file in `skipped`.
 * Duplicates are not looked for here (see `partitionCleanTable`).
 *
 * @throws {SourceError} when a file or object cannot be read (a transient fault must fail the run,
 * not drop data silently), or when iterating the source fails.
 * @example
 * const tables = await readCleanTables(readSourceRecords(location), (counts) => progress.show(counts));
 * tables.columns.pin.length; // clean pins read
 */
export async function readCleanTables(
  items: AsyncIterable<SourceItem>,
  onProgress?: (counts: Readonly<ReadCounts>) => void,
): Promise<CleanTables> {
  const columns = {
    pin: new CleanTableColumns("pin"),
    geo: new CleanTableColumns("geo"),
    user: new CleanTableColumns("user"),
  };
  const accounts = { pin: new TableAccount(), geo: new TableAccount(), user: new TableAccount() };
  const rejected: { [T in TableName]: string[] } = { pin: [], geo: [], user: [] };
  const skipped = new Map<string, number>();
  const read: ReadCounts = { pin: 0, geo: 0, user: 0 };
  let sinceProgress = 0;

  for await (const item of items) {
    const { table, position } = item;
    if (item.error?.reason.startsWith("cannot read")) {
      throw new SourceError(`${sourceFileOf(position)}: ${item.error.reason}`);
    }
    if (table === null) {
      const file = sourceFileOf(position);
      skipped.set(file, (skipped.get(file) ?? 0) + 1);
      continue;
    }
    read[table]++;
    if (item.error !== undefined) {
      const issues = [{ field: "$", value: item.error.reason, rule: UNREADABLE_LINE_RULE }];
      accounts[table].countRejected(issues);
      rejected[table].push(rejectedLine(position, item.text ?? null, issues));
    } else {
      const result = cleanerFor(table)(item.record);
      if (result.ok) {
        // The cleaner and the columns are those of the same table.
        (columns[table] as CleanTableColumns<TableName>).push(result.value as never);
        accounts[table].countClean(result.issues);
      } else {
        accounts[table].countRejected(result.issues);
        rejected[table].push(rejectedLine(position, item.record, result.issues));
      }
    }
    if (onProgress !== undefined && ++sinceProgress === PROGRESS_EVERY) {
      sinceProgress = 0;
      onProgress(read);
    }
  }
  onProgress?.(read);
  const skippedFiles = [...skipped]
    .map(([file, records]) => ({ file, records }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { columns, accounts, rejected, skipped: skippedFiles };
}
