/**
 * Public API of @pinpipe/clean: pure, never-throwing functions that turn raw pin, geo and user
 * records into clean records, with an issue for every value that did not survive unchanged.
 *
 * @module @pinpipe/clean
 */

export { cleanGeo } from "./cleanGeo";
export type { CleanIssue, IssueRule } from "./cleanIssue";
export { ISSUE_RULES, MAX_AGE, NO_ISSUES } from "./cleanIssue";
export type { CleanOptions } from "./cleanOptions";
export { cleanPin } from "./cleanPin";
export type { CleanResult } from "./cleanResult";
export { cleanSaveLocation, SAVE_LOCATION_PREFIX } from "./cleanSaveLocation";
export type { CleanedTable } from "./cleanTable";
export { cleanTable, cleanTableAsync } from "./cleanTable";
export type {
  AsyncCleanStream,
  CleanStream,
  CleanStreamItem,
  CleanTableOptions,
  Rejection,
} from "./cleanTableStream";
export { cleanTableStream, cleanTableStreamAsync } from "./cleanTableStream";
export { cleanUser } from "./cleanUser";
export { formatFollowerCount } from "./formatFollowerCount";
export { HOSTILE_KEYS } from "./hostileKeys";
export { keyLiteralIssue } from "./keyLiteralIssue";
export { mergeCounts } from "./mergeCounts";
export { parseFollowerCount } from "./parseFollowerCount";
export { parseNaiveTimestamp } from "./parseNaiveTimestamp";
export type { PlaceholderColumn, PlaceholderDictionary } from "./placeholders";
export { DEFAULT_PLACEHOLDERS } from "./placeholders";
export type { CountedRule, CountsByTable, RejectReason, TableCounts } from "./tableCounts";
export { CountsTally, emptyTableCounts, REJECT_REASONS } from "./tableCounts";
export type { CleanRecordByTable, CleanRecordOf, RecordCleaner, TableName } from "./tables";
export { cleanerFor } from "./tables";
