import type { BaselineComparison } from '../report/compare-baseline.js';
import { describeLatency, type QueryComparison } from './compare-query.js';

const latencyOnly = (q: QueryComparison) => q.regressed && q.status === 'compared' && q.latency?.regressed === true && !q.plan?.regressed && !q.buffers?.regressed;

/**
 * A regression that rests on latency alone is measured once more before it fails the run: on a
 * shared machine a burst can slow one mode more than the other for a whole measurement, and it
 * rarely lasts into the next, while a real slowdown does. Plan and buffer evidence need no second
 * look: they do not depend on load. `remeasure` benches the named queries again and compares them
 * with the same baseline.
 */
export async function confirmLatencyRegressions(
  comparison: BaselineComparison,
  remeasure: (names: readonly string[]) => Promise<readonly QueryComparison[]>,
): Promise<BaselineComparison> {
  const suspects = comparison.queries.filter(latencyOnly).map((q) => q.name);
  if (suspects.length === 0) return comparison;
  const again = new Map((await remeasure(suspects)).map((q) => [q.name, q]));
  const queries = comparison.queries.map((q): QueryComparison => {
    if (!suspects.includes(q.name)) return q;
    const second = again.get(q.name);
    const measured = second?.latency ? describeLatency(second.latency) : second?.reasons.join('; ') || 'no result';
    if (second?.regressed) return { ...q, reasons: [...q.reasons, `confirmed by a second measurement: ${measured}`] };
    return { ...q, regressed: false, reasons: [], notes: [...q.notes, `${q.reasons.join('; ')}: not confirmed by a second measurement (${measured}), a transient slowdown; not counted`] };
  });
  return { ...comparison, queries, regressed: queries.filter((q) => q.regressed).map((q) => q.name) };
}
