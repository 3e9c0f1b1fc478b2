import { QUERY_NAMES } from "@pinpipe/analytics";
import { escapeHtml } from "./escapeHtml";
import type { RunReport } from "./loadRunReport";
import { renderFilesSection } from "./renderFilesSection";
import { renderQuerySection } from "./renderQuerySection";
import { renderRecordsSection } from "./renderRecordsSection";
import { renderRunHeader } from "./renderRunHeader";
import { REPORT_STYLES } from "./reportStyles";

// Nothing may load from elsewhere and no script may run: a value that slipped through unescaped
// would be inert, and the file shows the same offline as online.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The whole report of a run as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script and no external request (its Content-Security-Policy forbids both). It holds the run's
 * metadata, record counts with cleaning issues by rule and field, every query result as a chart and a
 * table, and the files written. The same run always gives the same bytes (no clock, no host).
 *
 * @example
 * const html = renderReportHtml(await loadRunReport(store, "2026-11-23"));
 * html.startsWith("<!doctype html>"); // true
 */
export function renderReportHtml(report: RunReport): string {
  const { manifest } = report;
  const links = [
    '<a href="#records">Records</a>',
    ...QUERY_NAMES.map((name) => `<a href="#${name}">${name}</a>`),
    '<a href="#files">Files</a>',
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>pinpipe run ${escapeHtml(manifest.runId)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${renderRunHeader(manifest, report.location)}
<nav>${links.join("")}</nav>
<main>
${renderRecordsSection(manifest.counts, manifest.skipped)}
<section id="results"><h2>Results</h2>
${QUERY_NAMES.map((name) => renderQuerySection(name, report.results[name])).join("\n")}
</section>
${renderFilesSection(manifest.files)}
<footer>Written by <code>pinpipe report</code> from <code>${escapeHtml(report.location)}/manifest.json</code>.</footer>
</main>
</body>
</html>
`;
}
