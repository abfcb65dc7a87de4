import { escapeHtml } from './escape-html.js';

// Inline only: the report is one file that opens offline, from a CI artifact, with nothing fetched.
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #FAFAF7; color: #222; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-top: 8px; border-top: 1px solid #DDD; }
h3 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 6px 0; max-width: 960px; }
.meta { color: #555; }
.verdict { margin: 14px 0; padding: 10px 14px; border-radius: 6px; border: 1px solid; font-weight: 600; }
.verdict.pass { background: #EAF6EC; border-color: #8CC79A; color: #1B5E20; }
.verdict.fail { background: #FDECEC; border-color: #E59A9A; color: #B00020; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; font-weight: 400; }
.fail, td.fail { color: #B00020; font-weight: 600; }
.pass, td.pass { color: #1B5E20; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 8px 0 12px; background: #FFF; font-size: 13px; }
th, td { border: 1px solid #DDD; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #F0F0EC; font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.lines { white-space: pre-line; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 520px), 1fr)); gap: 14px; }
figure { margin: 0; padding: 8px; background: #FFF; border: 1px solid #E2E2DC; border-radius: 6px; min-width: 0; }
figure.wide { grid-column: 1 / -1; }
figcaption { color: #555; font-size: 12px; margin-top: 4px; }
svg.chart { display: block; width: 100%; height: auto; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12.5px; background: #F0F0EC; padding: 0 3px; border-radius: 3px; }
`;

/**
 * A complete HTML page around body HTML: inline CSS only, no script, no external reference, and a
 * Content-Security-Policy that forbids fetching anything, so the report never touches the network.
 *
 * @example
 * renderPage({ title: 'medseed workload', body: '<h1>medseed workload</h1>' })
 */
export function renderPage(page: { readonly title: string; readonly body: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    page.body,
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
