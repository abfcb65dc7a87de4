// npm run bench:gate [-- --profile ci --runs 8 --injected-runs 2 --iterations 100 --db URL]
// Measures the `bench --baseline` regression gate on a scratch database seeded with the profile:
// false alarms (queries flagged by runs on an identical setup, run straight after the baseline) and
// detection (queries flagged once a real regression is injected: a dropped index, a policy turned
// from the InitPlan form into a per-row call). Each injection is undone after its runs whatever
// happens, and the scratch database is dropped at the end; the user's databases are never touched.
import { parseArgs } from 'node:util';
import { loadQueryCatalog, defaultCatalogDir } from '../bench/catalog/load-query-catalog.js';
import type { BenchReport } from '../bench/report/bench-report.js';
import { runBench } from '../bench/run-bench.js';
import { resolveRunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { resolveDatabase } from '../db/resolve-database.js';
import { seedDatabase } from '../load/seed-database.js';
import { dropIndex, rewritePolicy, type Injection } from './gate-injections.js';
import { createScratchDatabase, dropScratchDatabase, printTable } from './perf-helpers.js';

// "( SELECT f() AS f)" as pg_policies deparses the InitPlan form, into the per-row call "f()"
const perRow = (qual: string) => qual.replace(/\(\s*SELECT ((?:medseed\.)?\w+\(\)) AS \w+\)/g, '$1');

const INJECTIONS: readonly Injection[] = [
  dropIndex('timeline_events_patient_id_occurred_at_idx'),
  dropIndex('tasks_assignee_id_status_due_at_idx'),
  rewritePolicy('timeline_events', 'tenant_isolation', null, perRow),
  rewritePolicy('timeline_events', 'care_team', 'medseed_app', perRow),
];

interface Tally {
  readonly scenario: string;
  readonly runs: number;
  readonly flagged: Map<string, number>;
  readonly expected: readonly string[];
  /** Latency-only regressions a second measurement did not confirm. */
  dismissed: number;
}

let interrupted = false;
const stopOnSignal = () => {
  if (interrupted) return;
  interrupted = true;
  process.stderr.write('Interrupted: finishing the current run, then undoing the injection and dropping the scratch database\n');
};

function describeTally(t: Tally, queryCount: number): string[] {
  const flagged = [...t.flagged].sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${name} ${n}/${t.runs}`);
  const missed = t.expected.reduce((sum, name) => sum + (t.runs - (t.flagged.get(name) ?? 0)), 0);
  const falseAlarms = [...t.flagged].filter(([name]) => !t.expected.includes(name)).reduce((sum, [, n]) => sum + n, 0);
  const detected = t.expected.length === 0 ? '-' : `${t.expected.length * t.runs - missed}/${t.expected.length * t.runs}`;
  const others = (queryCount - t.expected.length) * t.runs;
  return [t.scenario, String(t.runs), flagged.join(', ') || 'none', t.expected.join(', ') || 'none', detected, `${falseAlarms}/${others}`, String(t.dismissed)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'ci' },
      runs: { type: 'string', default: '8' },
      'injected-runs': { type: 'string', default: '2' },
      iterations: { type: 'string', default: '100' },
      db: { type: 'string' },
    },
  });
  const count = (flag: 'runs' | 'injected-runs' | 'iterations') => {
    const value = Number(values[flag]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag}: must be an integer >= 1, got ${values[flag]}`);
    return value;
  };
  const runs = count('runs');
  const injectedRuns = count('injected-runs');
  const iterations = count('iterations');
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  const server = await resolveDatabase(values.db);
  const url = await createScratchDatabase(server.url, 'medseed_bench_gate');
  const config = resolveRunConfig({ profile: values.profile, seed: '42' });
  const queries = loadQueryCatalog();
  const tallies: Tally[] = [];
  try {
    process.stderr.write(`Seeding ${values.profile} into a scratch database\n`);
    const seeded = await seedDatabase({ url, config, workers: 0, batchSize: 1000, reset: false, vacuum: false, indexConcurrency: 2 });
    const bench = (baseline?: BenchReport) =>
      runBench({
        url,
        config,
        seedRunId: seeded.runId,
        queries,
        catalogDir: defaultCatalogDir(),
        iterations,
        concurrency: 2,
        parameterSets: 24,
        sampleSize: 300,
        baseline: baseline && { file: 'baseline', report: baseline },
        medseedVersion: 'bench-gate',
      });
    const baseline = await bench();
    const measure = async (scenario: string, expected: readonly string[], count: number) => {
      const tally: Tally = { scenario, runs: 0, flagged: new Map(), expected, dismissed: 0 };
      tallies.push(tally);
      for (let i = 0; i < count && !interrupted; i++) {
        const report = await bench(baseline);
        (tally as { runs: number }).runs++;
        tally.dismissed += report.comparison?.queries.filter((q) => q.notes.some((note) => note.includes('not confirmed by a second measurement'))).length ?? 0;
        for (const name of report.comparison?.regressed ?? []) tally.flagged.set(name, (tally.flagged.get(name) ?? 0) + 1);
        const reasons = report.comparison?.queries.filter((q) => q.regressed).map((q) => `${q.name}: ${q.reasons.join('; ')}`) ?? [];
        process.stderr.write(`${scenario} run ${i + 1}/${count}: ${reasons.length === 0 ? 'nothing flagged' : `\n  ${reasons.join('\n  ')}`}\n`);
      }
    };
    await measure('identical setup', [], runs);
    for (const injection of INJECTIONS) {
      if (interrupted) break;
      const admin = await connect(url, 'medseed-bench-gate');
      try {
        const restore = await injection.apply(admin);
        try {
          await measure(injection.name, injection.expected(baseline), injectedRuns);
        } finally {
          await restore();
        }
      } finally {
        await admin.end();
      }
    }
  } finally {
    await dropScratchDatabase(url).catch((error: unknown) => process.stderr.write(`Could not drop the scratch database medseed_bench_gate: ${String(error)}\n`));
  }
  process.stdout.write(`\nbench --baseline gate on profile ${values.profile}: ${iterations} iterations per query and mode, 2 connections; each run compared with one baseline run\n\n`);
  printTable(['scenario', 'runs', 'flagged queries (runs flagged)', 'expected', 'detected (query-runs)', 'false alarms (query-runs)', 'dismissed by 2nd measurement'], tallies.map((t) => describeTally(t, queries.length)));
  if (interrupted) process.exitCode = 130;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
