/**
 * The report's whole style sheet, inlined in a `<style>` element so the file needs nothing else.
 *
 * @example
 * `<style>${REPORT_STYLES}</style>`;
 */
export const REPORT_STYLES = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --band: #f5f7fa; --accent: #2f6690; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1000px; margin: 0 auto; padding: 0 24px 48px; }
header { background: var(--band); border-bottom: 1px solid var(--line); padding: 24px max(24px, calc((100% - 952px) / 2)); }
h1 { margin: 0 0 12px; font-size: 26px; }
h2 { margin: 40px 0 8px; font-size: 21px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
h3 { margin: 28px 0 4px; font-size: 17px; }
.qname { display: inline-block; min-width: 3.5em; padding: 0 6px; margin-right: 6px; border-radius: 4px; background: var(--accent); color: #fff; font: 600 13px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-align: center; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
h1 code { font-size: 22px; padding: 0 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dd code + code { margin-left: 8px; }
nav { position: sticky; top: 0; z-index: 1; background: rgba(255, 255, 255, 0.95); border-bottom: 1px solid var(--line); padding: 8px max(24px, calc((100% - 952px) / 2)); font-size: 14px; }
section[id] { scroll-margin-top: 48px; }
nav a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
nav a:hover { text-decoration: underline; }
.desc { margin: 0 0 8px; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.note, figcaption { color: var(--muted); font-size: 13px; }
figure.chart { margin: 8px 0 12px; overflow-x: auto; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg text.value { fill: var(--muted); }
svg text.null { font-style: italic; }
svg .axis { stroke: #9aa5b1; stroke-width: 1; }
svg g:hover rect { opacity: 0.8; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
th, td { padding: 4px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
tbody tr:nth-child(even) { background: #fafbfc; }
tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.null { color: var(--muted); font-style: italic; }
details { margin-bottom: 8px; }
summary { cursor: pointer; color: var(--accent); font-size: 14px; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; }
`;
