import type { BenchTarget } from './bench-target.js';
import { assertCanBench, assertDrawnIdsExist } from './measure/check-database.js';
import { describeEnvironment } from './measure/describe-environment.js';

/** medseed's own schema (migrations/): its roles, its tables, its two session settings. */
export const referenceTarget: BenchTarget = {
  assertCanBench,
  describeEnvironment: (admin) => describeEnvironment(admin),
  prepareSets: async (admin, sets) => {
    await assertDrawnIdsExist(admin, [...sets.values()].flatMap((s) => (s instanceof Error ? [] : s)));
    return { sets };
  },
  // UTC so timestamps print as the generator wrote them; public so a "$user" schema never captures names
  connectionSetup: "SET TimeZone = 'UTC'; SET search_path TO public",
};
