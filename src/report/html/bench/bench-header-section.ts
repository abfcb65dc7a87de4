import type { BenchReport } from '../../../bench/report/bench-report.js';
import { describeVerdict } from '../../../bench/report/decide-verdict.js';
import { describeLeakproof } from '../../../bench/report/describe-leakproof.js';
import { describeLoad } from '../../../bench/report/describe-load.js';
import { escapeHtml } from '../escape-html.js';
import { formatNumber } from '../svg/format-number.js';

function verdictBox(report: BenchReport): string {
  const { verdict } = report;
  const sentence = describeVerdict(verdict, report.comparison !== null);
  if (verdict.pass) return `<div class="verdict pass" data-verdict="pass">${escapeHtml(sentence)}</div>`;
  const items = [
    ...verdict.overThreshold.map((name) => `${name}: p95 under RLS over its threshold`),
    ...verdict.regressed.map((name) => `${name}: regressed against the baseline`),
    ...verdict.errors.map((name) => `${name}: failed to run`),
  ];
  return `<div class="verdict fail" data-verdict="fail">FAIL<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></div>`;
}

/** Title, what was measured on what, and the verdict. */
export function renderBenchHeader(report: BenchReport): string {
  const { data, options, environment, ownSchema } = report;
  const client = environment.client;
  const rows: [string, string][] = [
    ['data', `profile ${data.profile}, seed ${data.seed}, generator ${data.generatorVersion}, reference date ${data.referenceDate}`],
    ['runs', `${formatNumber(options.iterations)} iterations per query and mode at concurrency ${options.concurrency} (warm-up ${options.warmup}), ${options.parameterSets} parameter sets from ${options.sampleSize} regenerated patients`],
    ['catalog', options.catalog + (options.only ? ` (only ${options.only.join(', ')})` : '')],
    ...(ownSchema ? [['your schema', `${ownSchema.schema} through ${ownSchema.mapping}, session ${ownSchema.session}`] as [string, string]] : []),
    ['server', environment.serverVersion],
    ['client', `${client.platform}, ${client.cpus} CPUs, ${client.memoryGb} GB, Node ${client.node}`],
    ...(ownSchema ? [] : [['load', describeLoad(environment.load)] as [string, string]]),
    ['text search', describeLeakproof(environment.textSearchLeakproof)],
    ['database', report.database],
  ];
  return [
    '<header>',
    `<h1>medseed bench: ${escapeHtml(data.profile)}</h1>`,
    `<p class="meta">Started ${escapeHtml(report.startedAt)}, finished ${escapeHtml(report.finishedAt)}; medseed ${escapeHtml(report.medseedVersion)}. Plans and SQL are in bench.md beside this file.</p>`,
    verdictBox(report),
    `<dl class="facts">${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}
