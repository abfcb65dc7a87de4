import { DRAW_KIND_INFO } from '../params/draw-kinds.js';
import type { BenchReport, ModeResult, QueryResult } from './bench-report.js';
import { describeVerdict, verdictLabel } from './decide-verdict.js';
import { describeLeakproof } from './describe-leakproof.js';
import { describeLoad } from './describe-load.js';
import { formatChange, formatMs, formatOverhead } from './format-ms.js';
import { summaryCells } from './summary-cells.js';

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
const header = (cells: readonly string[], right: readonly number[] = []) => [row(cells), `|${cells.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`];
const fence = (language: string, text: string) => ['```' + language, text, '```'];

function summary(report: BenchReport): string[] {
  const { header: cells, rows } = summaryCells(report, (name) => `[${name}](#${name})`);
  return [...header(cells, [1, 2, 3, 4, 5]), ...rows.map(row)];
}

function modeRow(label: string, mode: ModeResult | null): string {
  if (!mode) return row([label, '-', '-', '-', '-', '-', '-', '-']);
  const s = mode.stats;
  const pgss = mode.statStatements;
  return row([label, formatMs(s.p50Ms), formatMs(s.p95Ms), formatMs(s.p99Ms), formatMs(s.maxMs), `${mode.rows.min}-${mode.rows.max}`, pgss ? `${pgss.calls} calls, ${formatMs(pgss.meanExecMs)} ms mean` : '-', `${mode.plan.sharedHitBlocks} hit, ${mode.plan.sharedReadBlocks} read`]);
}

function runsAs(query: QueryResult, report: BenchReport): string {
  if (!report.ownSchema) return `runs as \`${query.role}\``;
  const whose = query.role === 'medseed_app' ? 'a clinician' : "the tenant's administrator";
  return `parameters of ${whose} (\`${query.role}\`), run as \`${report.ownSchema.sessionRole ?? '?'}\` by the session file`;
}

function querySection(query: QueryResult, report: BenchReport): string[] {
  const lines = [`### ${query.name}`, '', `${query.description}${query.note ? ` ${query.note}` : ''}`, ''];
  lines.push(
    `- verdict: **${verdictLabel(query, report.verdict)}**; threshold ${query.thresholdMs} ms on the p95 under RLS; RLS overhead ${formatOverhead(query.overhead)}`,
    `- ${runsAs(query, report)}${query.writes ? '; writes, every execution rolled back' : ''}; file \`${query.file}\``,
    `- parameters (\`${query.draw}\`): ${DRAW_KIND_INFO[query.draw].description}; ${query.parameterSets.length} sets, used in turn`,
  );
  if (query.parameterSets[0]) lines.push(`- explained: set 0, ${query.parameterSets[0].label}`);
  if (query.error) lines.push('', `**Error:** ${query.error}`);
  lines.push('', ...header(['mode', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'rows', 'pg_stat_statements', 'buffers (explained run)'], [1, 2, 3, 4]));
  lines.push(modeRow('under RLS', query.rls), modeRow('owner, no RLS', query.owner), '');
  const flags = query.rls?.plan.flags ?? [];
  lines.push(flags.length > 0 ? 'Plan flags under RLS:' : 'Plan flags under RLS: none.');
  for (const flag of flags) lines.push(`- \`${flag.kind}\`: ${flag.message}`);
  if (query.rlsIndexGap) lines.push('', `Index used as owner but not under RLS: ${query.rlsIndexGap.indexes.map((i) => `\`${i}\``).join(', ')}; ${query.rlsIndexGap.reason}.`);
  if (query.warnings.length > 0) lines.push('', 'Warnings:', ...query.warnings.map((warning) => `- ${warning}`));
  lines.push('', 'SQL under RLS:', '', ...fence('sql', query.sql.rls), '');
  if (query.rls) lines.push(`Plan under RLS (planning ${formatMs(query.rls.plan.planningMs)} ms, execution ${formatMs(query.rls.plan.executionMs)} ms):`, '', ...fence('text', query.rls.plan.text), '');
  if (query.owner) lines.push('Plan as owner without RLS (same parameters):', '', ...fence('text', query.owner.plan.text), '');
  return lines;
}

/** With --mapping: whose schema, which files, and the checks made on it in place of the reference schema's. */
function ownSchemaSection(own: NonNullable<BenchReport['ownSchema']>): string[] {
  const lines = [
    '## Your schema',
    '',
    `Schema \`${own.schema}\`, seeded through \`${own.mapping}\` (run #${own.mappedRunId} in medseed.mapped_runs); queries from \`${own.queries}\`; ` +
      `session \`${own.session}\`, which runs them as \`${own.sessionRole ?? '?'}\`. A query's \`role\` header says whose parameters are drawn; the session file decides the database role.`,
    '',
    'Drawn ids are passed in your key types:',
    '',
    ...header(['parameter', 'entity', 'key column', 'type', 'passed as']),
  ];
  for (const [name, key] of Object.entries(own.keys)) {
    lines.push(row([`:${name}`, key.entity, key.table ? `${key.table}.${key.column}` : '(not mapped)', key.type ?? '-', key.conversion === 'id-bigint' ? 'bigint (60 bits of the uuid)' : 'uuid']));
  }
  lines.push('', 'Checks:', '', ...own.checks.map((check) => `- ${check.status}: ${check.name}. ${check.detail}`), '');
  return lines;
}

/** bench.md: the verdict and summary first, then environment, statement statistics and every query with its plans. */
export function formatBenchMarkdown(report: BenchReport): string {
  const { data, options, environment, ownSchema } = report;
  const how = ownSchema
    ? `Times in milliseconds, as the application runs the queries: each transaction runs the session file \`${ownSchema.session}\` with the drawn tenant and clinician (or administrator). `
    : 'Times in milliseconds, as the application runs the queries: `SET LOCAL ROLE`, tenant and clinician set with `set_config(..., true)`. ';
  const lines = [
    '# medseed bench',
    '',
    `Profile **${data.profile}**, seed ${data.seed}, generator ${data.generatorVersion}, reference date ${data.referenceDate}; ` +
      `${options.iterations} iterations per query and mode at concurrency ${options.concurrency} (warm-up ${options.warmup}), ` +
      `${options.parameterSets} parameter sets drawn from ${options.sampleSize} regenerated patients. Started ${report.startedAt}, finished ${report.finishedAt}.`,
    '',
    `${environment.serverVersion}; client ${environment.client.platform}, ${environment.client.cpus} CPUs, ${environment.client.memoryGb} GB, Node ${environment.client.node}.`,
    '',
    // medseed.mapped_runs records no load settings: the reference sentence would blame an older medseed
    ...(ownSchema ? [] : [describeLoad(environment.load), '']),
    `${describeLeakproof(environment.textSearchLeakproof)[0]!.toUpperCase()}${describeLeakproof(environment.textSearchLeakproof).slice(1)}.`,
    '',
    `**${describeVerdict(report.verdict, report.comparison !== null)}**`,
    '',
    how + 'RLS overhead compares the medians with the same query run by the superuser (no RLS) with the policies\' filters written into it.',
    '',
    ...summary(report),
    '',
    ...(ownSchema ? ownSchemaSection(ownSchema) : []),
  ];
  if (report.comparison) {
    const c = report.comparison;
    lines.push(
      '## Baseline',
      '',
      `Compared with \`${c.baselineFile}\` (${c.baselineFormat}, started ${c.baselineStartedAt}). A query regressed when its plan under RLS got worse ` +
        `(an index lost, a large table read whole, a policy evaluated per row), when an execution touches more than ${c.rules.minChange * 100}% (and ${c.rules.floorBlocks} or more) more shared buffers, ` +
        `or when its median under RLS rose significantly (Mann-Whitney U, one-sided, p < ${c.rules.alpha}) by more than ${c.rules.minChange * 100}% and ${c.minRegressionMs} ms or more. ` +
        'Latency and buffers are judged against the same query run as owner in the same rounds, so a busier machine is not a regression; a query only latency says regressed is measured again and counts only when that confirms it.',
      '',
    );
    lines.push(...header(['query', 'baseline p95 ms', 'p95 ms', 'p95 change', 'median ratio', 'p-value', 'buffers/execution', 'regressed', 'why'], [1, 2, 3, 4, 5]));
    for (const q of c.queries) {
      const latency = q.latency;
      const buffers = q.buffers;
      lines.push(row([
        q.name,
        formatMs(q.baselineP95Ms),
        formatMs(q.currentP95Ms),
        q.status === 'compared' ? formatChange(q.change) : q.status,
        latency ? `x${latency.ratio.toFixed(2)}${latency.controlRatio === null ? '' : ` (owner x${latency.controlRatio.toFixed(2)})`}` : '-',
        latency?.pValue === null || latency === null ? '-' : String(latency.pValue),
        buffers ? `${buffers.baseline} -> ${buffers.current}` : '-',
        q.regressed ? '**yes**' : 'no',
        [...q.reasons, ...q.notes.map((note) => `(not counted) ${note}`)].join('; ') || '-',
      ]));
    }
    if (c.warnings.length > 0) lines.push('', 'The runs differ in:', ...c.warnings.map((w) => `- ${w}`));
    lines.push('');
  }
  lines.push('## Environment', '', ...header(['table', 'rows', 'size MB'], [1, 2]));
  for (const [name, table] of Object.entries(environment.tables)) lines.push(row([name, table.rows.toLocaleString('en-US'), (table.bytes / 1e6).toFixed(1)]));
  lines.push('', ...header(['setting', 'value']));
  for (const [name, value] of Object.entries(environment.settings)) lines.push(row([name, value]));
  lines.push('', '## pg_stat_statements', '', report.statStatements.note + '.', '');
  if (report.statStatements.top.length > 0) {
    lines.push('Busiest statements of the run (all sessions of this database):', '', ...header(['calls', 'total ms', 'mean ms', 'rows', 'role', 'query'], [0, 1, 2, 3]));
    for (const s of report.statStatements.top) lines.push(row([String(s.calls), formatMs(s.totalExecMs), formatMs(s.meanExecMs), String(s.rows), s.role, `\`${s.query.replace(/\s+/g, ' ').slice(0, 120)}\``]));
    lines.push('');
  }
  lines.push('## Queries', '');
  for (const query of report.queries) lines.push(...querySection(query, report));
  return `${lines.join('\n')}\n`;
}
