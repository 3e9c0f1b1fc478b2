import { escapeHtml } from "./escapeHtml";
import { formatBytes } from "./formatBytes";
import { formatNumber } from "./formatNumber";
import type { RunManifest } from "./runManifestSchema";

/**
 * The "Files" section: every file the manifest lists with its rows, size (exact bytes on hover)
 * and SHA-256 (first 12 digits shown, all on hover), and a total of files and bytes.
 *
 * @example
 * renderFilesSection(manifest.files); // '<section id="files"><h2>Files</h2><table>…'
 */
export function renderFilesSection(files: RunManifest["files"]): string {
  const rows = files.map(
    (file) =>
      `<tr><td><code>${escapeHtml(file.path)}</code></td><td class="num">${formatNumber(file.rows)}</td>` +
      `<td class="num" title="${formatNumber(file.bytes)} bytes">${formatBytes(file.bytes)}</td>` +
      `<td><code title="${escapeHtml(file.sha256)}">${escapeHtml(file.sha256.slice(0, 12))}…</code></td></tr>`,
  );
  const byteTotal = files.reduce((sum, file) => sum + file.bytes, 0);
  const total =
    `<tr class="total"><td>${formatNumber(files.length)} file${files.length === 1 ? "" : "s"}</td>` +
    // No row total: it would add result rows (JSON and CSV alike) to table rows.
    `<td></td><td class="num" title="${formatNumber(byteTotal)} bytes">${formatBytes(byteTotal)}</td><td></td></tr>`;
  return (
    '<section id="files"><h2>Files</h2>' +
    '<table><thead><tr><th>path</th><th class="num">rows</th><th class="num">size</th><th>sha256</th></tr></thead>' +
    `<tbody>${rows.join("")}${total}</tbody></table></section>`
  );
}
