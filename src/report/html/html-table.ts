import { escapeHtml } from './escape-html.js';

/** A table cell: plain text (escaped), right-aligned when numeric, coloured when it is a verdict. */
export interface Cell {
  readonly text: string;
  readonly numeric?: boolean;
  readonly tone?: 'pass' | 'fail';
  /** Keeps the line breaks of the text (short lists in one cell). */
  readonly lines?: boolean;
  /** Extra text shown on hover. */
  readonly tip?: string;
}

export type CellInput = Cell | string;

const asCell = (cell: CellInput): Cell => (typeof cell === 'string' ? { text: cell } : cell);

function cellHtml(tag: 'td' | 'th', input: CellInput): string {
  const cell = asCell(input);
  const classes = [cell.numeric ? 'num' : '', cell.lines ? 'lines' : '', cell.tone ?? ''].filter(Boolean).join(' ');
  const attributes = `${classes ? ` class="${classes}"` : ''}${cell.tip ? ` title="${escapeHtml(cell.tip)}"` : ''}`;
  return `<${tag}${attributes}>${escapeHtml(cell.text)}</${tag}>`;
}

/**
 * An HTML table of text cells, every cell escaped, wrapped so a wide table scrolls on its own
 * rather than widening the page.
 *
 * @example
 * renderTable({ id: 'summary', header: ['query', { text: 'p95 ms', numeric: true }], rows: [['q', { text: '1.20', numeric: true }]] })
 */
export function renderTable(table: { readonly id: string; readonly header: readonly CellInput[]; readonly rows: readonly (readonly CellInput[])[] }): string {
  const head = `<thead><tr>${table.header.map((cell) => cellHtml('th', cell)).join('')}</tr></thead>`;
  const body = `<tbody>${table.rows.map((row) => `<tr>${row.map((cell) => cellHtml('td', cell)).join('')}</tr>`).join('')}</tbody>`;
  return `<div class="table-wrap"><table data-table="${escapeHtml(table.id)}">${head}${body}</table></div>`;
}

/** A chart in a figure with a caption under it. */
export function renderFigure(svg: string, caption?: string, size: 'wide' | 'normal' = 'normal'): string {
  return `<figure${size === 'wide' ? ' class="wide"' : ''}>${svg}${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`;
}
