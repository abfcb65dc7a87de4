// npm run bench:realism [-- --profile baseline --seed 42 --largest-tenant]
// Prints the per-clinician realism table of issue 10 (panel, inbox, audit, clinic hours, yearly
// utilisation, volumes) next to the published figures of REALISM.md, measured from generated rows.
// The rows are the ones `medseed seed` would load (seeding is the same generator, byte for byte),
// so no database is needed; --largest-tenant keeps only tenant 0's patients (e.g. 10x).
import { parseArgs } from 'node:util';
import { resolveRunConfig } from '../config/resolve-run-config.js';
import { generatePatient } from '../generators/patient/generate-patient.js';
import type { RowsByTable, RowSink } from '../generators/row-types.js';
import { createWorldFor } from '../runner/create-world-for.js';
import { printTable } from './perf-helpers.js';
import { createRealismCollector, type RealismFigures } from './realism-stats.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'baseline' },
    seed: { type: 'string', default: '42' },
    'largest-tenant': { type: 'boolean', default: false },
  },
});

const config = resolveRunConfig({ profile: values.profile, seed: values.seed });
const world = createWorldFor(config);
const collector = createRealismCollector(world);
const largest = world.organizations[0]!.id;
const sink: RowSink = values['largest-tenant']
  ? { push: <T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) => ((row as { orgId?: string }).orgId === largest ? collector.push(table, row) : undefined) }
  : collector;
for (const org of world.organizations) if (!values['largest-tenant'] || org.index === 0) collector.push('organizations', org.row);
for (const provider of world.providers) if (!values['largest-tenant'] || provider.orgIndex === 0) collector.push('providers', provider.row);
const started = performance.now();
const total = config.profile.volumes.patients;
for (let index = 0; index < total; index++) {
  if (values['largest-tenant'] && world.orgOfPatient(index) !== 0) continue;
  generatePatient(world, index, sink);
}
const f: RealismFigures = collector.finish();
const fixed = (n: number, digits = 1) => n.toFixed(digits);
const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

process.stdout.write(
  `profile ${config.profile.name}${values['largest-tenant'] ? ' (largest tenant)' : ''}, seed ${config.seed}: ${f.patients} patients, ` +
    `${config.profile.historyMonths} months, generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n`,
);
printTable(
  ['statistic', 'medseed', 'published'],
  [
    ['primary-care clinicians', String(f.primaryCareClinicians), ''],
    ['patients per PCP (panel), median / max', `${fixed(f.panelMedian, 0)} / ${f.panelMax}`, '1,200-1,900 (§1.1, §6)'],
    ['tasks per PCP per workday', fixed(f.tasksPerPcpWorkday), '76.9 (§1.7)'],
    [`  PCPs with a full panel (${f.fullPanelPcps})`, fixed(f.tasksPerFullPanelPcpWorkday), '76.9 (§1.7)'],
    ['  same, scaled to a full 1,500 panel', fixed(f.tasksPerPcpWorkdayFullPanel), '76.9 (§1.7)'],
    ['  same, for a clinician of mean workload', fixed(f.tasksPerPcpWorkdayFullPanelTypical), '76.9 (§1.7)'],
    ['tasks per specialist per workday', fixed(f.tasksPerSpecialistWorkday), '29.1 (§1.7)'],
    ['PCP task volume p90/p10 (per full panel)', fixed(f.taskSpreadP90OverP10, 2), '840/206 high/low (§1.7)'],
    ['tasks open or in progress', pct(f.openTaskShare), '~15% (§6, A)'],
    ['closed tasks closed within 3 days', pct(f.closedWithin3DaysShare), 'most (A)'],
    ['audit per clinician per active weekday, median', fixed(f.auditPerClinicianDayMedian, 0), '~1,000 (§1.6)'],
    ['audit per PCP per active weekday, median', fixed(f.auditPerPcpDayMedian, 0), '~1,000-1,425 (§1.6)'],
    [`  PCPs with a full panel (${f.fullPanelPcps})`, fixed(f.auditPerFullPanelPcpDayMedian, 0), '~1,000-1,425 (§1.6)'],
    ['  same, scaled to a full 1,500 panel', fixed(f.auditPerPcpDayFullPanelMedian, 0), '~1,000 (§1.6, §6)'],
    ['  same, for a clinician of median workload', fixed(f.auditPerPcpDayFullPanelTypicalMedian, 0), '~1,000 (§1.6, §6)'],
    ['  log-sd per PCP-day', fixed(f.auditPerPcpDayLogSd, 2), '0.6 (§6, A)'],
    ['audit outside 08:00-18:00 local', pct(f.auditAfterHoursShare), '~24% (§1.8)'],
    ['audit on weekends', pct(f.auditWeekendShare), '~5% (§6, A)'],
    ['tasks created outside 08:00-18:00 / on weekends', `${pct(f.taskAfterHoursShare)} / ${pct(f.taskWeekendShare)}`, '~24% / ~5%'],
    ['planned appointments on weekends', String(f.plannedOnWeekend), '0'],
    ['patients with no office visit in the last 12 months', pct(f.noOfficeVisit12MonthsShare), '27% (§1.1)'],
    ['office visits per patient-year', fixed(f.officeVisitsPerPatientYear, 2), '3.9 (§6)'],
    ['timeline events per patient', fixed(f.eventsPerPatient), '50+ (need)'],
    ['documents per patient', fixed(f.documentsPerPatient), '~10 (need)'],
    ['progress-note sentences in the previous note (copy-forward on)', pct(f.consecutiveNoteSentenceOverlap), '~59% (§1.5)'],
    ['progress-note sentences in an unrelated note', pct(f.unrelatedNoteSentenceOverlap), 'few'],
  ],
);
const rowTotal = Object.values(f.rows).reduce((a, b) => a + b, 0);
printTable(['table', 'rows'], [...Object.entries(f.rows).map(([table, n]) => [table, n.toLocaleString('en-US')]), ['total', rowTotal.toLocaleString('en-US')]]);
