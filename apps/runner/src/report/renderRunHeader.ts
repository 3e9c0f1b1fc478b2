import { escapeHtml } from "./escapeHtml";
import type { RunManifest } from "./runManifestSchema";

function optionText(value: string | number | boolean | null): string {
  return value === null ? "null" : String(value);
}

/**
 * The report's header: run id, where the run folder is, the raw source it read and the options it
 * ran with.
 *
 * @example
 * renderRunHeader(manifest, "s3://lake/out/runs/2026-11-23"); // '<header><h1>pinpipe batch run <code>2026-11-23</code></h1>…'
 */
export function renderRunHeader(manifest: RunManifest, location: string): string {
  const options = Object.entries(manifest.options)
    .map(([name, value]) => `<code>${escapeHtml(name)}=${escapeHtml(optionText(value))}</code>`)
    .join(" ");
  return (
    `<header><h1>pinpipe batch run <code>${escapeHtml(manifest.runId)}</code></h1><dl>` +
    `<dt>Run folder</dt><dd><code>${escapeHtml(location)}</code></dd>` +
    `<dt>Source</dt><dd><code>${escapeHtml(manifest.source)}</code></dd>` +
    `<dt>Options</dt><dd>${options}</dd>` +
    `<dt>Format</dt><dd><code>${escapeHtml(manifest.format)}</code></dd></dl></header>`
  );
}
