import type { WritesSection } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderTable } from '../html-table.js';
import { formatNumber } from '../svg/format-number.js';

const MODES = { undone: 'undone after the run', kept: 'kept (--keep-writes): the data changed', none: 'no writes in the mix' } as const;

/** What the run wrote and what became of it. */
export function renderWorkloadWrites(writes: WritesSection): string {
  const rows = Object.entries(writes.rows).map(([table, count]) => [table, { text: formatNumber(count), numeric: true }]);
  return ['<section id="writes"><h2>Writes</h2>',
    `<p class="${writes.mode === 'kept' ? 'fail' : ''}"><strong>${escapeHtml(MODES[writes.mode])}.</strong> ${escapeHtml(writes.message)}</p>`,
    writes.runId === null ? '' : `<p class="meta">Journaled in medseed.workload_runs #${writes.runId}.</p>`,
    rows.length === 0 ? '' : renderTable({ id: 'writes', header: ['table', { text: 'rows written', numeric: true }], rows }),
    '</section>'].join('\n');
}
