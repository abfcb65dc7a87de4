import { beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { generatePatient } from '../../src/generators/patient/generate-patient.js';
import type { RowsByTable } from '../../src/generators/row-types.js';
import type { Pod, World } from '../../src/generators/world.js';
import { createRealismCollector, type RealismFigures } from '../../src/perf/realism-stats.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';

// The per-clinician figures of a full panel: the first care pod of 10x's largest tenant (~1,500
// patients), over two months so CI stays fast (daily rates do not depend on the window).
// `npm run bench:realism -- --profile 10x --largest-tenant` prints the same figures for the
// whole tenant over the profile's 12 months.
describe('a full primary-care panel (largest tenant of 10x)', () => {
  let world: World;
  let pod: Pod;
  let figures: RealismFigures;

  beforeAll(() => {
    world = createWorldFor(resolveRunConfig({ profile: '10x', seed: '42', historyMonths: 2 }));
    pod = world.staff[0]!.pods[0]!;
    const collector = createRealismCollector(world);
    for (const provider of world.providers) collector.push('providers', provider.row);
    const sink = { push: <T extends keyof RowsByTable>(table: T, row: RowsByTable[T]) => collector.push(table, row) };
    for (let i = 0; i < world.assignment.total; i++) {
      if (world.orgOfPatient(i) === 0 && world.podOfPatient(i) === pod) generatePatient(world, i, sink);
    }
    figures = collector.finish();
  }, 240_000);

  it('holds a panel of 1,200-1,900 patients (§1.1, §6)', () => {
    expect(world.staff[0]!.pods.length).toBeGreaterThanOrEqual(2);
    expect(figures.primaryCareClinicians).toBe(1);
    expect(figures.panelMedian).toBe(pod.capacity);
    expect(pod.capacity).toBeGreaterThanOrEqual(1200);
    expect(pod.capacity).toBeLessThanOrEqual(1900);
  });

  it('gives the clinician ~77 inbox tasks a workday, times their own workload (§1.7)', () => {
    // workloads are lognormal with median 1; task rates keep the published mean, so divide by the mean
    const meanWorkload = Math.exp(world.params.clinicianWorkloadSigma ** 2 / 2);
    const perWorkday = figures.tasksPerPcpWorkday / (pod.primary.workload / meanWorkload);
    expect(perWorkday).toBeGreaterThan(76.9 * 0.85);
    expect(perWorkday).toBeLessThan(76.9 * 1.15);
  });

  it('gives the clinician ~1,000 audit entries per active weekday, lognormal, times their workload (§1.6, §6)', () => {
    const median = figures.auditPerPcpDayMedian / pod.primary.workload;
    expect(median).toBeGreaterThan(750);
    expect(median).toBeLessThan(1300);
    // day-to-day spread of one clinician (the workload spread across clinicians comes on top)
    expect(figures.auditPerPcpDayLogSd).toBeGreaterThan(0.25);
    expect(figures.auditPerPcpDayLogSd).toBeLessThan(0.8);
    expect(figures.auditAfterHoursShare).toBeGreaterThan(0.18);
    expect(figures.auditAfterHoursShare).toBeLessThan(0.32);
    expect(figures.auditWeekendShare).toBeLessThan(0.1);
  });

  it('spreads workloads across clinicians as §1.7 does (840 vs 206 messages a quarter, high vs low group)', () => {
    const big = createWorldFor(resolveRunConfig({ profile: '100x', seed: '42' }));
    const workloads = big.staff.flatMap((d) => d.pods.map((p) => p.primary.workload)).sort((a, b) => a - b);
    expect(workloads.length).toBeGreaterThan(60);
    const ratio = workloads[Math.floor(workloads.length * 0.9)]! / workloads[Math.floor(workloads.length * 0.1)]!;
    expect(ratio).toBeGreaterThan(2.2);
    expect(ratio).toBeLessThan(7);
  });
});
