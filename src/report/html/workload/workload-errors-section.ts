import type { WorkloadReport } from '../../../workload/report/workload-report.js';
import { renderTable } from '../html-table.js';
import { formatNumber, formatPercent } from '../svg/format-number.js';

/** Every failed operation counted by stage, operation and SQLSTATE, with the first message seen. */
export function renderWorkloadErrors(report: WorkloadReport): string {
  const rows = report.stages.flatMap((stage) =>
    stage.operations.flatMap((op) =>
      op.errorsBySqlState.map((error) => [
        formatNumber(stage.users),
        op.name,
        error.sqlState,
        error.label,
        { text: formatNumber(error.count), numeric: true },
        { text: formatPercent(op.count > 0 ? error.count / op.count : 0), numeric: true },
        error.example,
      ]),
    ),
  );
  const body = rows.length === 0
    ? '<p>No operation failed.</p>'
    : renderTable({ id: 'errors', header: ['users', 'operation', 'SQLSTATE', 'error', { text: 'count', numeric: true }, { text: 'of its operations', numeric: true }, 'first message'], rows });
  return ['<section id="errors"><h2>Errors by SQLSTATE</h2>',
    '<p>SQLSTATE as PostgreSQL reports it; <code>client</code> marks a failure without one (connection lost, a timeout in the client).</p>', body, '</section>'].join('\n');
}
