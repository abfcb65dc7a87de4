import type { WorkloadReport } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { formatNumber, formatPercent } from '../svg/format-number.js';

function facts(rows: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function describeLoop(report: WorkloadReport): string {
  const { rate, thinkTimeMs, lateAfterMs } = report.options;
  return rate === null
    ? `closed loop: each user waits for its answer, then thinks ${formatNumber(thinkTimeMs)} ms`
    : `open loop: ${formatNumber(rate, rate < 10 ? 1 : 0)} operations/s arrive whatever the answers (late after ${formatNumber(lateAfterMs)} ms)`;
}

/** The verdict box: PASS in green, or FAIL in red with every failure listed. */
export function renderVerdict(passed: boolean, failures: readonly string[]): string {
  if (passed) return '<div class="verdict pass" data-verdict="pass">PASS: every operation within its budgets</div>';
  const items = failures.map((failure) => `<li>${escapeHtml(failure)}</li>`).join('');
  return `<div class="verdict fail" data-verdict="fail">FAIL: ${failures.length} budget${failures.length === 1 ? '' : 's'} broken<ul>${items}</ul></div>`;
}

/** Title, what was run against what, and the verdict. */
export function renderWorkloadHeader(report: WorkloadReport): string {
  const { options, data, environment } = report;
  const settings = Object.entries(environment.settings).map(([name, value]) => `${name}=${value}`).join(', ');
  return [
    '<header>',
    `<h1>medseed workload: ${escapeHtml(data.profile)}, ${escapeHtml(options.users.map((u) => formatNumber(u)).join(' → '))} users</h1>`,
    `<p class="meta">Started ${escapeHtml(report.startedAt)}, finished ${escapeHtml(report.finishedAt)}; medseed ${escapeHtml(report.medseedVersion)}.</p>`,
    renderVerdict(report.verdict.passed, report.verdict.failures),
    facts([
      ['data', `profile ${data.profile}, seed ${data.seed}, generator ${data.generatorVersion}${data.seedRunId === null ? '' : `, seed run #${data.seedRunId}`}`],
      ['users', options.users.length > 1 ? `a sweep over ${options.users.map((u) => formatNumber(u)).join(', ')} users` : `${formatNumber(options.users[0] ?? 0)} users`],
      ['duration', `${formatNumber(options.durationS)} s measured per stage, after ${formatNumber(options.rampS)} s ramp and ${formatNumber(options.warmupS)} s warm-up; intervals of ${formatNumber(options.intervalS)} s`],
      ['load', describeLoop(report)],
      ['mix', `${options.mix} over the catalog ${options.catalog}; ${formatPercent(options.administratorsShare)} of users are administrators`],
      ['server', environment.serverVersion],
      ['settings', settings || '-'],
      ['client', `${formatNumber(environment.cpus)} CPUs, Node ${environment.node}`],
      ['database', report.database],
    ]),
    '</header>',
  ].join('\n');
}
