import { describe, expect, it } from 'vitest';
import type { ParameterSet } from '../../../src/bench/params/parameter-set.js';
import { createRandom } from '../../../src/rng/random.js';
import { OperationChooser } from '../../../src/workload/run/next-operation.js';
import type { WorkloadUser } from '../../../src/workload/users/workload-user.js';

const set = (label: string): ParameterSet => ({ label, orgIndex: 0, orgId: 'o', clinicianId: 'c', adminId: 'a', values: {} });
const user: WorkloadUser = {
  index: 0,
  role: 'clinician',
  orgIndex: 0,
  orgId: 'o',
  providerId: 'c',
  label: 'clinician',
  operations: [
    { name: 'read', weight: 3, sets: [set('r1'), set('r2')] },
    { name: 'claim', weight: 1, sets: [set('c1')] },
    { name: 'complete', weight: 0, sets: [set('d1')] },
  ],
  unavailable: [],
};
const followUps = [{ name: 'complete', due: (state: { claimedTasks: string[] }) => state.claimedTasks.length > 0 }];

describe('what a user does next', () => {
  it('is the same sequence for the same seed, whatever else happens', () => {
    const run = () => {
      const chooser = new OperationChooser(user, createRandom('42|w|0'), followUps);
      return Array.from({ length: 40 }, () => chooser.next({ claimedTasks: [] })?.name);
    };
    expect(run()).toEqual(run());
  });

  it('draws by weight and never draws a weight-0 follow-up', () => {
    const chooser = new OperationChooser(user, createRandom('42|w|1'), followUps);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const name = chooser.next({ claimedTasks: [] })?.name as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.get('complete')).toBeUndefined();
    const share = (counts.get('read') ?? 0) / 4000;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });

  it('runs a due follow-up first, and takes parameter sets in turn', () => {
    const chooser = new OperationChooser(user, createRandom('42|w|2'), followUps);
    expect(chooser.next({ claimedTasks: ['t1'] })?.name).toBe('complete');
    const reads = Array.from({ length: 200 }, () => chooser.next({ claimedTasks: [] })).filter((n) => n?.name === 'read');
    expect(reads.slice(0, 4).map((r) => r?.set.label)).toEqual(['r1', 'r2', 'r1', 'r2']);
  });
});
