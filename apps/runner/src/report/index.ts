/**
 * `pinpipe report`: a finished batch run folder (see notes/output-layout.md) rendered as one
 * self-contained HTML page with inline SVG charts.
 */
export type { Bar } from "./barChartSvg";
export { barChartSvg } from "./barChartSvg";
export { barScale } from "./barScale";
export { CHART_COLORS, colorsByKey } from "./chartColors";
export { CHART, chartLabel, labelColumnWidth } from "./chartLayout";
export { decodeUtf8Text } from "./decodeUtf8Text";
export { describeZodIssue } from "./describeZodIssue";
export { escapeHtml } from "./escapeHtml";
export { formatBytes } from "./formatBytes";
export { formatCell, isYearColumn } from "./formatCell";
export { formatNumber } from "./formatNumber";
export { latestFinishedRun } from "./latestFinishedRun";
export type { RunReport } from "./loadRunReport";
export { loadRunReport } from "./loadRunReport";
export type { ResultRow, ResultValue } from "./parseResultRows";
export { parseResultRows } from "./parseResultRows";
export { parseRunManifest } from "./parseRunManifest";
export { MAX_CHART_BARS, queryBars } from "./queryBars";
export type { QueryReportSpec } from "./queryReportSpecs";
export { QUERY_REPORT_SPECS } from "./queryReportSpecs";
export { renderFilesSection } from "./renderFilesSection";
export { renderQuerySection } from "./renderQuerySection";
export { renderRecordsSection } from "./renderRecordsSection";
export { renderReportHtml } from "./renderReportHtml";
export { MAX_TABLE_ROWS, renderRowsTable } from "./renderRowsTable";
export { renderRunHeader } from "./renderRunHeader";
export { REPORT_STYLES } from "./reportStyles";
export { RunFolderError } from "./runFolderError";
export type { RunManifest, TableCounts } from "./runManifestSchema";
export { runManifestSchema } from "./runManifestSchema";
export type { RunStore } from "./runStore";
export type { BarSegment, StackedBar } from "./stackedBarChartSvg";
export { stackedBarChartSvg } from "./stackedBarChartSvg";
export type { WriteRunReportOptions } from "./writeRunReport";
export { writeRunReport } from "./writeRunReport";
