import { barChartSvg } from "./barChartSvg";
import { escapeHtml } from "./escapeHtml";
import { formatBytes } from "./formatBytes";
import { formatNumber } from "./formatNumber";
import type { RunManifest } from "./runManifestSchema";
import { stackedBarChartSvg } from "./stackedBarChartSvg";

const TABLES = ["pin", "geo", "user"] as const;
const OUTCOME_COLORS = { clean: "#59a14f", rejected: "#e15759", duplicates: "#edc948" } as const;
const BREAKDOWN_COLORS = { pin: "#4e79a7", geo: "#f28e2b", user: "#76b7b2" } as const;

function countsTable(counts: RunManifest["counts"]): string {
  const rows = TABLES.map((table) => {
    const c = counts[table];
    return `<tr><td>${table}</td>${[c.in, c.clean, c.rejected, c.duplicates].map((n) => `<td class="num">${formatNumber(n)}</td>`).join("")}</tr>`;
  });
  return (
    '<table><thead><tr><th>table</th><th class="num">in</th><th class="num">clean</th><th class="num">rejected</th><th class="num">duplicates</th></tr></thead>' +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

function skippedNote(skipped: RunManifest["skipped"]): string {
  if (skipped.length === 0) return "";
  const items = skipped.map(
    (file) =>
      `<li><code>${escapeHtml(file.file)}</code>: ${"bytes" in file ? formatBytes(file.bytes) : `${formatNumber(file.records)} record${file.records === 1 ? "" : "s"}`}</li>`,
  );
  return `<p class="note">Not read: source files of no table.</p><ul class="note">${items.join("")}</ul>`;
}

/** Issues counted by `byRule` or `byField`: a table (keys × tables) and a bar chart. */
function breakdown(
  counts: RunManifest["counts"],
  key: "byRule" | "byField",
  what: string,
  id: string,
): string {
  const names = [...new Set(TABLES.flatMap((table) => Object.keys(counts[table][key])))].sort();
  const heading = `<h3>Issues by ${what}</h3>`;
  if (names.length === 0) return `${heading}<p class="empty">The cleaning rules found no issue.</p>`;
  const cell = (table: (typeof TABLES)[number], name: string): string => {
    const n = counts[table][key][name];
    return `<td class="num">${n === undefined ? "" : formatNumber(n)}</td>`;
  };
  const rows = names.map(
    (name) => `<tr><td>${escapeHtml(name)}</td>${TABLES.map((table) => cell(table, name)).join("")}</tr>`,
  );
  const bars = TABLES.flatMap((table) =>
    Object.entries(counts[table][key])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ label: `${table} · ${name}`, value, color: BREAKDOWN_COLORS[table] })),
  );
  return (
    heading +
    `<figure class="chart" data-chart="${id}">${barChartSvg(`Issues by ${what}`, bars)}</figure>` +
    `<table><thead><tr><th>${escapeHtml(what)}</th>${TABLES.map((t) => `<th class="num">${t}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`
  );
}

/**
 * The "Records" section: per table how many records came in and how many ended clean, rejected
 * or dropped as duplicates (a stacked bar chart and a table), then the cleaning issues (which
 * rejected records or fixed values) by rule and by field. Source files the batch skipped (records
 * of no table) are listed under the counts.
 *
 * @example
 * renderRecordsSection(manifest.counts, manifest.skipped); // '<section id="records"><h2>Records</h2>…'
 */
export function renderRecordsSection(counts: RunManifest["counts"], skipped: RunManifest["skipped"]): string {
  const stacked = stackedBarChartSvg(
    "Records per table",
    TABLES.map((table) => ({
      label: table,
      segments: (["clean", "rejected", "duplicates"] as const).map((name) => ({
        name,
        value: counts[table][name],
        color: OUTCOME_COLORS[name],
      })),
    })),
  );
  return (
    '<section id="records"><h2>Records</h2>' +
    '<p class="desc">Every record read (in) ends clean, rejected by a cleaning rule, or dropped as a duplicate.</p>' +
    `<figure class="chart" data-chart="records">${stacked}</figure>${countsTable(counts)}` +
    skippedNote(skipped) +
    '<p class="desc">The issues below are counted one by one: a record can have several, and a clean record can have some too (a placeholder read as null, say).</p>' +
    breakdown(counts, "byRule", "rule", "issues-by-rule") +
    breakdown(counts, "byField", "field", "issues-by-field") +
    "</section>"
  );
}
